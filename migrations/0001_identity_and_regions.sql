-- Region tree 县 → 镇/街道 → 社区/村 → 网格, and the users who see a subtree of it.
-- path is the chain of ancestor ids ('/1/4/17/'); every scoped table copies its region's path
-- so that "inside my region" is one indexed prefix match (COLLATE "C" makes LIKE 'x%' use a btree).
CREATE TABLE regions (
  id            bigserial PRIMARY KEY,
  parent_id     bigint REFERENCES regions(id),
  code          text NOT NULL UNIQUE,
  code_is_local boolean NOT NULL DEFAULT false,  -- true when no official 统计用区划代码 is known
  name          text NOT NULL,
  level         text NOT NULL CHECK (level IN ('county','town','community','grid')),
  kind          text NOT NULL,                    -- 县 / 街道 / 镇 / 社区 / 村 / 网格
  path          text COLLATE "C" NOT NULL,
  smart_tier    text CHECK (smart_tier IN ('基础型','成长型','标杆型')),
  smart_target_tier text CHECK (smart_target_tier IN ('基础型','成长型','标杆型')),
  smart_pilot_year int,
  smart_source  text,                             -- the document that names the pilot
  lon           double precision,
  lat           double precision,
  sort          int NOT NULL DEFAULT 0
);
CREATE INDEX regions_parent_idx ON regions(parent_id);
CREATE INDEX regions_path_idx ON regions(path);

CREATE TABLE users (
  id            bigserial PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  display_name  text NOT NULL,
  role          text NOT NULL CHECK (role IN ('county_admin','town_staff','community_staff','grid_worker',
                                               'dept_handler','property_staff','leader','resident')),
  region_id     bigint NOT NULL REFERENCES regions(id),
  org_unit_id   bigint,
  property_company_id bigint,
  resident_id   bigint,
  active        boolean NOT NULL DEFAULT true,
  failed_logins int NOT NULL DEFAULT 0,
  locked_until  timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- Only the SHA-256 of the session token is stored, so a leaked table grants no session.
CREATE TABLE sessions (
  token_hash  text PRIMARY KEY,
  user_id     bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions(user_id);

CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  user_id     bigint REFERENCES users(id),
  username    text,
  action      text NOT NULL,       -- e.g. 'read_special_groups', 'login_failed', 'export_residents'
  entity      text,
  entity_id   text,
  detail      jsonb NOT NULL DEFAULT '{}',
  ip          text
);
CREATE INDEX audit_log_at_idx ON audit_log(at DESC);
CREATE INDEX audit_log_entity_idx ON audit_log(entity, entity_id);

-- Facts about this installation, e.g. when the demo county finished loading.
CREATE TABLE app_meta (
  key        text PRIMARY KEY,
  value      text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
