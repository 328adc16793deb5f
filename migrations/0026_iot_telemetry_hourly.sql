-- Telemetry rolled up by hour (docs/decisions/036): a year's chart reads 8 760 rows a field
-- instead of half a million readings over 365 partitions. Written by the IoT sweep for hours that
-- have ended; the raw readings answer for the hours after `rolled_until`. Kept longer than the raw
-- readings (IOT_HOURLY_RETENTION_DAYS), so a year's history outlives 90 days of raw retention.
CREATE TABLE iot_telemetry_hourly (
  device_id  bigint NOT NULL,
  key        text NOT NULL,
  hour       timestamptz NOT NULL,
  n          int NOT NULL,               -- readings of the field in the hour
  num_n      int NOT NULL DEFAULT 0,     -- of them numbers: min, max and sum are theirs
  min        float8,
  max        float8,
  sum        float8,
  bool_n     int NOT NULL DEFAULT 0,     -- of them true or false
  true_n     int NOT NULL DEFAULT 0,
  last       jsonb,                      -- the hour's last value, and when it was read
  last_ts    timestamptz,
  PRIMARY KEY (device_id, key, hour)
);

-- How far the roll-up has gone: every hour before `rolled_until` is in iot_telemetry_hourly.
CREATE TABLE iot_telemetry_rollup (
  name          text PRIMARY KEY,
  rolled_until  timestamptz NOT NULL
);
