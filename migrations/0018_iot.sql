-- 物联感知 (issue 10, decision 027): device types as data, devices with hashed credentials,
-- telemetry partitioned by day, each device's latest state with its rules' state, rules per type
-- with per-device overrides, alarms with their history, incidents that group an alarm storm, and
-- what ingest refused.

-- From data/iot/device-types.json at every start (server/domains/iot/device-types.ts).
CREATE TABLE iot_device_types (
  code             text PRIMARY KEY,
  name             text NOT NULL,
  category         text NOT NULL,                 -- 消防安全 / 燃气安全 / 电梯安全 / 市政设施 / 治安防控 / 关爱服务 / 环境卫生
  fields           jsonb NOT NULL,                -- [{key,label,unit?,type:'number'|'boolean'|'string',min?,max?}]
  events           jsonb NOT NULL DEFAULT '[]',   -- [{type,label}]: what a camera or button reports
  offline_minutes  int NOT NULL CHECK (offline_minutes BETWEEN 1 AND 10080),
  has_camera       boolean NOT NULL DEFAULT false,
  case_category_code text,                        -- the category an alarm of this type opens a case in
  sort             int NOT NULL DEFAULT 0
);

CREATE TABLE iot_devices (
  id              bigserial PRIMARY KEY,
  serial          text COLLATE "C" NOT NULL UNIQUE,
  type_code       text NOT NULL REFERENCES iot_device_types(code),
  name            text NOT NULL,
  -- Where it is: the grid or community it stands in, and as far down the places tree as known.
  region_id       bigint NOT NULL REFERENCES regions(id),
  region_path     text COLLATE "C" NOT NULL,
  estate_id       bigint REFERENCES estates(id),
  building_id     bigint REFERENCES buildings(id),
  house_id        bigint REFERENCES houses(id),
  unit_name       text,                           -- '2单元'
  floor           int CHECK (floor BETWEEN -10 AND 200),
  lon             double precision,
  lat             double precision,
  owner_unit_id   bigint REFERENCES org_units(id),
  snapshot_url    text,
  stream_url      text,
  firmware        text,
  battery         int CHECK (battery BETWEEN 0 AND 100),
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'maintenance', 'disabled')),
  -- Credentials, issued once: the secret is 32 random bytes, so a SHA-256 of it is as safe as a
  -- slow hash and cheap enough to check on every HTTP request (decision 027).
  mqtt_username   text COLLATE "C" NOT NULL UNIQUE,
  secret_sha256   text NOT NULL,
  credentials_issued_at timestamptz NOT NULL,
  auth_failures   int NOT NULL DEFAULT 0,
  last_auth_failure_at timestamptz,
  online          boolean NOT NULL DEFAULT false,
  last_seen_at    timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX iot_devices_path_idx ON iot_devices (region_path);
CREATE INDEX iot_devices_estate_idx ON iot_devices (estate_id);
CREATE INDEX iot_devices_building_idx ON iot_devices (building_id);
CREATE INDEX iot_devices_type_idx ON iot_devices (type_code);

-- Readings, one partition per day (iot_telemetry_YYYYMMDD, made ahead and dropped after the
-- retention by the IoT sweep). No foreign key: devices are disabled, never deleted, and a key
-- check per reading would cost the ingest a lookup. msg_key is the device's msgId ('' without
-- one): a redelivered reading meets its first copy on the unique index and is stored once.
CREATE TABLE iot_telemetry (
  device_id    bigint NOT NULL,
  ts           timestamptz NOT NULL,
  msg_key      text COLLATE "C" NOT NULL DEFAULT '',
  values       jsonb NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now()
) PARTITION BY RANGE (ts);
CREATE UNIQUE INDEX iot_telemetry_reading_idx ON iot_telemetry (device_id, ts, msg_key);
CREATE INDEX iot_telemetry_ts_brin ON iot_telemetry USING brin (ts);

-- Each device's newest value of every field, and its rules' state between batches (the engine's
-- JSON by rule code), so a restart goes on where it stopped. The ingest locks a device's row
-- while it evaluates, so two processes never judge one device at once.
CREATE TABLE iot_device_state (
  device_id   bigint PRIMARY KEY REFERENCES iot_devices(id),
  ts          timestamptz NOT NULL,
  values      jsonb NOT NULL DEFAULT '{}',
  rule_state  jsonb NOT NULL DEFAULT '{}',
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- A type's rules (device_id null, from the type's defaults until an administrator edits one) and
-- a device's overrides (same code: replaces the type's rule; new code: adds one).
CREATE TABLE iot_rules (
  id          bigserial PRIMARY KEY,
  type_code   text NOT NULL REFERENCES iot_device_types(code),
  device_id   bigint REFERENCES iot_devices(id),
  code        text NOT NULL,
  definition  jsonb NOT NULL,                     -- common/iot/rules.ts
  edited      boolean NOT NULL DEFAULT false,     -- an edited type rule is no longer reset from the file
  updated_by  bigint REFERENCES users(id),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX iot_rules_type_code_idx ON iot_rules (type_code, code) WHERE device_id IS NULL;
CREATE UNIQUE INDEX iot_rules_device_code_idx ON iot_rules (device_id, code) WHERE device_id IS NOT NULL;

-- Alarms of one kind in one building within a short window are one incident (storm control).
CREATE TABLE iot_incidents (
  id           bigserial PRIMARY KEY,
  rule_code    text NOT NULL,
  type_code    text NOT NULL REFERENCES iot_device_types(code),
  region_path  text COLLATE "C" NOT NULL,
  estate_id    bigint REFERENCES estates(id),
  building_id  bigint REFERENCES buildings(id),
  severity     text NOT NULL CHECK (severity IN ('critical', 'major', 'minor', 'warning')),
  opened_at    timestamptz NOT NULL,
  last_at      timestamptz NOT NULL,
  alarm_count  int NOT NULL DEFAULT 1,
  case_id      bigint REFERENCES cases(id),
  closed_at    timestamptz
);
CREATE INDEX iot_incidents_open_idx ON iot_incidents (rule_code, building_id, estate_id) WHERE closed_at IS NULL;

CREATE TABLE iot_alarms (
  id               bigserial PRIMARY KEY,
  device_id        bigint NOT NULL REFERENCES iot_devices(id),
  rule_code        text NOT NULL,
  rule_name        text NOT NULL,
  severity         text NOT NULL CHECK (severity IN ('critical', 'major', 'minor', 'warning')),
  region_path      text COLLATE "C" NOT NULL,
  estate_id        bigint REFERENCES estates(id),
  building_id      bigint REFERENCES buildings(id),
  raised_at        timestamptz NOT NULL,
  last_at          timestamptz NOT NULL,
  count            int NOT NULL DEFAULT 1,
  detail           text NOT NULL,
  value            jsonb,
  readings         jsonb NOT NULL DEFAULT '{}',   -- the device's latest values when it was raised
  snapshot_url     text,
  -- The rule's condition still holds: a person may clear the alarm while it does (with a note),
  -- and the engine then raises nothing new until the condition has gone (decision 026).
  condition_active boolean NOT NULL DEFAULT true,
  flapping         boolean NOT NULL DEFAULT false,
  acknowledged_at  timestamptz,
  acknowledged_by  bigint REFERENCES users(id),
  cleared_at       timestamptz,
  cleared_by       bigint REFERENCES users(id),   -- null with cleared_at: the condition cleared by itself
  closed_at        timestamptz,
  closed_by        bigint REFERENCES users(id),
  incident_id      bigint REFERENCES iot_incidents(id),
  case_id          bigint REFERENCES cases(id)
);
-- One active alarm per device and rule, whichever process sees the reading: a second raise
-- meets the first here and becomes a repeat.
CREATE UNIQUE INDEX iot_alarms_one_active_idx ON iot_alarms (device_id, rule_code) WHERE cleared_at IS NULL AND closed_at IS NULL;
CREATE INDEX iot_alarms_open_path_idx ON iot_alarms (region_path, raised_at DESC) WHERE closed_at IS NULL;
CREATE INDEX iot_alarms_device_idx ON iot_alarms (device_id, raised_at DESC);
CREATE INDEX iot_alarms_case_idx ON iot_alarms (case_id) WHERE case_id IS NOT NULL;

-- Who did what to an alarm, and when (raise, repeat counts stay on the alarm).
CREATE TABLE iot_alarm_events (
  id         bigserial PRIMARY KEY,
  alarm_id   bigint NOT NULL REFERENCES iot_alarms(id),
  at         timestamptz NOT NULL,
  action     text NOT NULL CHECK (action IN ('raise', 'acknowledge', 'clear', 'close', 'note', 'flapping', 'case')),
  user_id    bigint REFERENCES users(id),
  user_name  text,
  note       text
);
CREATE INDEX iot_alarm_events_alarm_idx ON iot_alarm_events (alarm_id, at);

-- What ingest could not take: the newest ones kept for inspection (the sweep trims to a cap),
-- and counted per day and reason, with refused sign-ins, so a flood shows as a number.
CREATE TABLE iot_dead_letters (
  id           bigserial PRIMARY KEY,
  received_at  timestamptz NOT NULL DEFAULT now(),
  transport    text NOT NULL CHECK (transport IN ('mqtt', 'http')),
  topic        text,
  serial       text,
  device_id    bigint,
  reason       text NOT NULL,
  detail       text NOT NULL,
  payload      text NOT NULL                      -- the first 4 KB
);
CREATE INDEX iot_dead_letters_received_idx ON iot_dead_letters (received_at DESC);

CREATE TABLE iot_ingest_counts (
  day      date NOT NULL,
  counter  text NOT NULL,                          -- stored, duplicate, malformed:<reason>, auth_refused
  n        bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (day, counter)
);
