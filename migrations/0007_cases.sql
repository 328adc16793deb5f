-- Casework: one engine for every problem the county handles (resident reports, grid patrol
-- events, 12345 hotline orders, Open311 requests, IoT alarms, property repairs, abandoned cars).
-- See docs/decisions/007-case-clocks.md for how the clocks and supervision are kept.

-- Days the county works or rests against the national arrangement: a year the calendar package
-- does not know yet, or a local closure. Administrators enter them.
CREATE TABLE calendar_overrides (
  day   date PRIMARY KEY,
  kind  text NOT NULL CHECK (kind IN ('workday','holiday')),
  note  text
);

-- The category tree is data (data/cases/categories.json, upserted by code at start): each leaf
-- carries its form, its default handling unit, its time limits and whether it may be public.
CREATE TABLE case_categories (
  id                  bigserial PRIMARY KEY,
  code                text NOT NULL UNIQUE,
  parent_id           bigint REFERENCES case_categories(id),
  name                text NOT NULL,
  case_type           text NOT NULL DEFAULT 'general' CHECK (case_type IN ('general','abandoned_vehicle')),
  is_public           boolean NOT NULL DEFAULT true,
  sla_amount          int NOT NULL CHECK (sla_amount > 0),
  sla_unit            text NOT NULL CHECK (sla_unit IN ('working_hours','working_days')),
  sign_limit_hours    int NOT NULL DEFAULT 1 CHECK (sign_limit_hours > 0),
  default_org_unit_id bigint REFERENCES org_units(id),   -- null: the grid (or community) of the case handles it
  form                jsonb NOT NULL DEFAULT '[]',       -- [{key,label,type,required,options,public}]
  keywords            text[] NOT NULL DEFAULT '{}',      -- what residents type when searching for a category
  sort                int NOT NULL DEFAULT 0,
  active              boolean NOT NULL DEFAULT true
);
CREATE INDEX case_categories_parent_idx ON case_categories(parent_id);

-- Routing beyond the category default: in this region (and below), this category (and its
-- children), optionally when a form field has a value (废弃汽车 on a road → 县公安局), goes to
-- this unit, or to the case's own grid. The most specific rule wins. Rules from the category
-- file are marked from_catalogue and replaced when the file changes; administrators add others.
CREATE TABLE case_routing_rules (
  id              bigserial PRIMARY KEY,
  category_id     bigint NOT NULL REFERENCES case_categories(id) ON DELETE CASCADE,
  region_id       bigint REFERENCES regions(id),
  attribute_key   text,
  attribute_value text,
  from_catalogue  boolean NOT NULL DEFAULT false,
  org_unit_id  bigint REFERENCES org_units(id),
  to_grid      boolean NOT NULL DEFAULT false,
  note         text,
  created_by   bigint REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK ((org_unit_id IS NOT NULL) <> to_grid),
  CHECK ((attribute_key IS NULL) = (attribute_value IS NULL))
);
CREATE INDEX case_routing_rules_category_idx ON case_routing_rules(category_id);

-- Case numbers come from a sequence so that several server processes never hand out the same one.
CREATE SEQUENCE case_number_seq;

CREATE TABLE cases (
  id                bigserial PRIMARY KEY,
  number            text NOT NULL UNIQUE,
  category_id       bigint NOT NULL REFERENCES case_categories(id),
  status            text NOT NULL CHECK (status IN ('reported','accepted','rejected','registered','dispatched','in_progress',
                                                   'handled','verified','closed','evaluated','suspended','merged')),
  open              boolean GENERATED ALWAYS AS (status NOT IN ('rejected','closed','evaluated','merged')) STORED,
  source            text NOT NULL CHECK (source IN ('resident','grid_patrol','hotline','open311','iot','property','staff')),
  title             text NOT NULL,
  description       text NOT NULL,
  attributes        jsonb NOT NULL DEFAULT '{}',
  is_public         boolean NOT NULL,
  urgent            boolean NOT NULL DEFAULT false,
  lon               double precision,
  lat               double precision,
  address           text,
  house_id          bigint REFERENCES houses(id),
  region_id         bigint NOT NULL REFERENCES regions(id),
  region_path       text COLLATE "C" NOT NULL,
  reporter_user_id  bigint REFERENCES users(id),
  idempotency_key   text UNIQUE,                       -- 'user:<id>:<client key>' or 'open311:<client>:<key>'
  handler_unit_id   bigint REFERENCES org_units(id),   -- dispatched to a unit …
  handler_region_id bigint REFERENCES regions(id),     -- … or to a grid / community
  first_unit_id     bigint REFERENCES org_units(id),   -- 首接负责: the first unit to sign stays answerable until a formal transfer
  reported_at       timestamptz NOT NULL DEFAULT now(),
  accepted_at       timestamptz,
  dispatched_at     timestamptz,
  signed_at         timestamptz,
  handled_at        timestamptz,
  verified_at       timestamptz,
  closed_at         timestamptz,
  evaluated_at      timestamptz,
  due_at            timestamptz,                       -- the case's promise: category limit from acceptance
  warn_at           timestamptz,                       -- 80% of the working time to due_at used: yellow
  step              text NOT NULL DEFAULT 'accept',    -- the step whose own limit runs: accept/dispatch/sign/handle/verify/close
  step_due_at       timestamptz,
  next_deadline_at  timestamptz,                       -- the first limit to run out (step, or the promise until handled)
  paused_at         timestamptz,                       -- suspended (挂账): no clock runs
  paused_status     text,                              -- where a resumed case goes back to
  pending_request   jsonb,                             -- {kind:'extension'|'suspension', days?, reason, byUserId, byName, at}
  result            text,
  satisfaction      text CHECK (satisfaction IN ('satisfied','basically_satisfied','dissatisfied')),
  reopen_count      int NOT NULL DEFAULT 0,
  merged_into_id    bigint REFERENCES cases(id),
  supervision_level int NOT NULL DEFAULT 0,            -- 0 none, 1 督办单 issued, 2 escalated to the leader in charge
  escalate_at       timestamptz,                       -- a level-1 case still overdue then goes to the leader
  last_event_at     timestamptz NOT NULL DEFAULT now()
);
-- The queues the workbench opens most: a unit's, a grid's, a region's by status; the overdue sweep.
CREATE INDEX cases_unit_queue_idx    ON cases(handler_unit_id, next_deadline_at) WHERE open;
CREATE INDEX cases_grid_queue_idx    ON cases(handler_region_id, next_deadline_at) WHERE open;
CREATE INDEX cases_region_status_idx ON cases(region_path, status, reported_at DESC);
CREATE INDEX cases_overdue_idx       ON cases(next_deadline_at) WHERE open AND paused_at IS NULL;
CREATE INDEX cases_region_open_idx   ON cases(region_path, next_deadline_at) WHERE open AND paused_at IS NULL;
CREATE INDEX cases_nearby_idx        ON cases(category_id, lat) WHERE open;
CREATE INDEX cases_reported_idx      ON cases(reported_at DESC);
CREATE INDEX cases_escalate_idx      ON cases(escalate_at) WHERE supervision_level = 1;
CREATE INDEX cases_merged_into_idx   ON cases(merged_into_id);
CREATE INDEX cases_house_idx         ON cases(house_id);

-- Every signal about a case: the first report, and each hotline call, patrol report or alarm
-- merged into it later. Reporters of all sources get the case's feedback.
CREATE TABLE case_sources (
  id               bigserial PRIMARY KEY,
  case_id          bigint NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  source           text NOT NULL,
  reference        text,                  -- 12345 工单号, Open311 token, alarm id
  reporter_user_id bigint REFERENCES users(id),
  reporter_name    text,
  reporter_phone   text,
  anonymous        boolean NOT NULL DEFAULT false,
  description      text,
  reported_at      timestamptz NOT NULL DEFAULT now(),
  merged_from_id   bigint REFERENCES cases(id)
);
CREATE INDEX case_sources_case_idx ON case_sources(case_id);
CREATE INDEX case_sources_reporter_idx ON case_sources(reporter_user_id, case_id);
CREATE INDEX case_sources_reference_idx ON case_sources(reference);

-- The timeline: who did what, when, from which state to which, and whether the reporter sees it.
CREATE TABLE case_events (
  id            bigserial PRIMARY KEY,
  case_id       bigint NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  at            timestamptz NOT NULL DEFAULT now(),
  actor_user_id bigint REFERENCES users(id),
  actor_name    text NOT NULL,          -- '系统' for the supervision sweep
  actor_unit    text,                   -- the unit or region the actor acted for
  action        text NOT NULL,
  from_status   text,
  to_status     text,
  note          text,
  is_public     boolean NOT NULL DEFAULT true,
  data          jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX case_events_case_idx ON case_events(case_id, id);

-- Photos: the original (private evidence, EXIF intact) and a display copy and thumbnail with
-- every tag stripped. Uploaded first, then attached to a case or an event by id.
CREATE TABLE case_photos (
  id           bigserial PRIMARY KEY,
  case_id      bigint REFERENCES cases(id) ON DELETE CASCADE,
  event_id     bigint REFERENCES case_events(id) ON DELETE SET NULL,
  uploaded_by  bigint REFERENCES users(id),
  uploaded_at  timestamptz NOT NULL DEFAULT now(),
  kind         text NOT NULL,
  original_sha text NOT NULL,
  display_sha  text NOT NULL,
  thumb_sha    text NOT NULL,
  width        int NOT NULL,
  height       int NOT NULL,
  taken_at     timestamptz,
  gps_lat      double precision,
  gps_lon      double precision,
  media_url    text                     -- Open311 media_url: a link, not a file we hold
);
CREATE INDEX case_photos_case_idx ON case_photos(case_id);
CREATE INDEX case_photos_uploader_idx ON case_photos(uploaded_by) WHERE case_id IS NULL;

-- 督办单: a notice to the handling unit when a case runs over, and later to the leader in charge.
CREATE TABLE case_supervisions (
  id               bigserial PRIMARY KEY,
  case_id          bigint NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  level            int NOT NULL CHECK (level IN (1, 2)),
  org_unit_id      bigint REFERENCES org_units(id),
  region_id        bigint REFERENCES regions(id),
  leader_id        bigint REFERENCES leaders(id),
  backup_leader_id bigint REFERENCES leaders(id),     -- the leader's AB角, copied
  reason           text NOT NULL,
  issued_at        timestamptz NOT NULL DEFAULT now(),
  issued_by        bigint REFERENCES users(id),       -- null: the sweep issued it
  acknowledged_at  timestamptz,
  acknowledged_by  bigint REFERENCES users(id)
);
CREATE INDEX case_supervisions_case_idx ON case_supervisions(case_id);
CREATE INDEX case_supervisions_unit_idx ON case_supervisions(org_unit_id, issued_at DESC);

-- "Was it really fixed?" asked of each reporter some days after closing.
CREATE TABLE case_questionnaires (
  case_id      bigint NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  user_id      bigint NOT NULL REFERENCES users(id),
  send_at      timestamptz NOT NULL,
  sent_at      timestamptz,
  answered_at  timestamptz,
  fixed        boolean,
  comment      text,
  PRIMARY KEY (case_id, user_id)
);
CREATE INDEX case_questionnaires_due_idx ON case_questionnaires(send_at) WHERE sent_at IS NULL;

-- A user's inbox: case feedback, questionnaires, supervision notices.
CREATE TABLE notifications (
  id         bigserial PRIMARY KEY,
  user_id    bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind       text NOT NULL,
  case_id    bigint REFERENCES cases(id) ON DELETE CASCADE,
  title      text NOT NULL,
  body       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at    timestamptz
);
CREATE INDEX notifications_user_idx ON notifications(user_id, id DESC);
CREATE INDEX notifications_case_idx ON notifications(case_id);

-- Applications that file requests through Open311. Only the SHA-256 of the key is stored.
CREATE TABLE open311_clients (
  id             bigserial PRIMARY KEY,
  name           text NOT NULL UNIQUE,
  api_key_sha256 text NOT NULL UNIQUE,
  active         boolean NOT NULL DEFAULT true,
  created_at     timestamptz NOT NULL DEFAULT now()
);
