-- 一标三实: standard addresses (一标) and the real houses, people and organisations (三实).

CREATE TABLE property_companies (
  id           bigserial PRIMARY KEY,
  name         text NOT NULL UNIQUE,
  credit_code  text UNIQUE,          -- 统一社会信用代码
  contact      text,
  phone        text
);

-- 小区 → 楼栋 → 单元 → 房屋
CREATE TABLE estates (
  id            bigserial PRIMARY KEY,
  community_id  bigint NOT NULL REFERENCES regions(id),
  region_path   text COLLATE "C" NOT NULL,
  name          text NOT NULL,
  address       text NOT NULL,
  property_company_id bigint REFERENCES property_companies(id),
  built_year    int,
  lon           double precision,
  lat           double precision,
  UNIQUE (community_id, name)
);
CREATE INDEX estates_path_idx ON estates(region_path);
CREATE INDEX estates_company_idx ON estates(property_company_id);

CREATE TABLE buildings (
  id        bigserial PRIMARY KEY,
  estate_id bigint NOT NULL REFERENCES estates(id),
  name      text NOT NULL,          -- '3号楼'
  floors    int NOT NULL CHECK (floors BETWEEN 1 AND 200),
  grid_id   bigint REFERENCES regions(id),
  UNIQUE (estate_id, name)
);

CREATE TABLE building_units (
  id          bigserial PRIMARY KEY,
  building_id bigint NOT NULL REFERENCES buildings(id),
  name        text NOT NULL,        -- '2单元'
  UNIQUE (building_id, name)
);

CREATE TABLE houses (
  id               bigserial PRIMARY KEY,
  unit_id          bigint NOT NULL REFERENCES building_units(id),
  estate_id        bigint NOT NULL REFERENCES estates(id),
  community_id     bigint NOT NULL REFERENCES regions(id),
  grid_id          bigint REFERENCES regions(id),
  region_path      text COLLATE "C" NOT NULL,   -- the grid's path when known, else the community's
  room             text NOT NULL,               -- '1502'
  floor            int NOT NULL,
  area             numeric(8,2) NOT NULL CHECK (area > 0 AND area < 10000),
  house_use        text NOT NULL CHECK (house_use IN ('owner_occupied','rented','vacant','commercial')),
  rental_mode      text CHECK (rental_mode IN ('whole','shared')),          -- 整租 / 合租
  rental_channel   text CHECK (rental_channel IN ('agency','owner','platform','employer')),
  monthly_rent     numeric(10,2) CHECK (monthly_rent >= 0),
  tenant_count     int CHECK (tenant_count >= 0),
  standard_address text COLLATE "C" NOT NULL UNIQUE, -- 标准地址, the natural key for imports
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (unit_id, room),
  CHECK (house_use = 'rented' OR (rental_mode IS NULL AND rental_channel IS NULL AND monthly_rent IS NULL AND tenant_count IS NULL))
);
CREATE INDEX houses_path_idx ON houses(region_path, id);
CREATE INDEX houses_grid_idx ON houses(grid_id);
CREATE INDEX houses_estate_idx ON houses(estate_id);

CREATE TABLE households (
  id             bigserial PRIMARY KEY,
  household_no   text NOT NULL UNIQUE,           -- 户号
  house_id       bigint REFERENCES houses(id),
  region_path    text COLLATE "C" NOT NULL,
  householder_id bigint
);
CREATE INDEX households_house_idx ON households(house_id);

CREATE TABLE residents (
  id               bigserial PRIMARY KEY,
  id_card          text COLLATE "C" NOT NULL UNIQUE,   -- GB 11643, 18 characters, checked
  name             text COLLATE "C" NOT NULL,
  gender           text NOT NULL CHECK (gender IN ('male','female')),
  birth_date       date NOT NULL,
  phone            text COLLATE "C",
  population_type  text NOT NULL CHECK (population_type IN ('registered','resident','floating')), -- 户籍/常住/流动
  household_id     bigint REFERENCES households(id),
  relation         text NOT NULL DEFAULT 'self',       -- 与户主关系
  house_id         bigint REFERENCES houses(id),
  community_id     bigint NOT NULL REFERENCES regions(id),
  grid_id          bigint REFERENCES regions(id),
  region_path      text COLLATE "C" NOT NULL,
  tags             text[] NOT NULL DEFAULT '{}',
  ethnicity        text,
  employer         text,
  moved_in_on      date,
  moved_out_on     date,
  updated_at       timestamptz NOT NULL DEFAULT now()
);
-- The county-scale list: scope prefix + id order for paging; tails for search by 身份证后四位 / 手机尾号.
CREATE INDEX residents_path_idx ON residents(region_path, id);
CREATE INDEX residents_name_idx ON residents(name);
CREATE INDEX residents_id_tail_idx ON residents((right(id_card, 4)));
CREATE INDEX residents_phone_tail_idx ON residents((right(phone, 4)));
CREATE INDEX residents_phone_idx ON residents(phone);
CREATE INDEX residents_house_idx ON residents(house_id);
CREATE INDEX residents_household_idx ON residents(household_id);
CREATE INDEX residents_tags_idx ON residents USING gin(tags);
CREATE INDEX residents_birth_idx ON residents(birth_date);
ALTER TABLE households ADD CONSTRAINT households_householder_fk FOREIGN KEY (householder_id) REFERENCES residents(id);

-- Dated 迁入/迁出 history, newest last; residents.moved_in_on/moved_out_on mirror the latest.
CREATE TABLE resident_moves (
  id          bigserial PRIMARY KEY,
  resident_id bigint NOT NULL REFERENCES residents(id),
  kind        text NOT NULL CHECK (kind IN ('move_in','move_out')),
  moved_on    date NOT NULL,
  place       text,            -- where from (move_in) or to (move_out)
  note        text
);
CREATE INDEX resident_moves_resident_idx ON resident_moves(resident_id, moved_on);

-- 特殊人群: restricted. Read only through the people service, which writes every read to audit_log.
CREATE TABLE special_group_records (
  id          bigserial PRIMARY KEY,
  resident_id bigint NOT NULL REFERENCES residents(id),
  category    text NOT NULL CHECK (category IN ('community_correction','released_prisoner','drug_user',
                                   'severe_mental_disorder','key_youth','other')),
  since_on    date,
  supervisor  text,
  note        text,
  UNIQUE (resident_id, category)
);

CREATE TABLE vehicles (
  id              bigserial PRIMARY KEY,
  plate           text COLLATE "C" NOT NULL UNIQUE,   -- 号牌
  vehicle_type    text NOT NULL CHECK (vehicle_type IN ('car','suv','van','truck','motorcycle','ev','other')),
  brand           text,
  color           text,
  owner_id        bigint REFERENCES residents(id),
  estate_id       bigint REFERENCES estates(id),
  parking_space   text,
  region_path     text COLLATE "C" NOT NULL
);
CREATE INDEX vehicles_path_idx ON vehicles(region_path, id);
CREATE INDEX vehicles_owner_idx ON vehicles(owner_id);

-- 网格员: grid workers, each in one grid.
CREATE TABLE grid_workers (
  id          bigserial PRIMARY KEY,
  grid_id     bigint NOT NULL REFERENCES regions(id),
  region_path text COLLATE "C" NOT NULL,
  name        text NOT NULL,
  phone       text NOT NULL,
  employment  text NOT NULL CHECK (employment IN ('full_time','part_time')),  -- 专职/兼职
  user_id     bigint REFERENCES users(id)
);
CREATE INDEX grid_workers_grid_idx ON grid_workers(grid_id);

-- Departments and units of the county (县直部门、单位), as the notices name them.
CREATE TABLE org_units (
  id        bigserial PRIMARY KEY,
  name      text NOT NULL UNIQUE,
  kind      text NOT NULL CHECK (kind IN ('government_office','department','institution','enterprise',
                                         'township','mass_organisation','external','internal_section')),
  aliases   text[] NOT NULL DEFAULT '{}',   -- names in brackets: 县城市管理局（综合行政执法局）
  parent_id bigint REFERENCES org_units(id)
);

CREATE TABLE leaders (
  id       bigserial PRIMARY KEY,
  name     text NOT NULL,
  body     text NOT NULL,          -- '县政府' or '县政府办公室': whose 班子 the leader sits in
  rank     int NOT NULL,           -- order of appearance in the notice
  UNIQUE (body, name)
);

-- One line of 分工: a leader 主持/负责/分管/联系/协助 an area of work or a unit.
CREATE TABLE leader_duties (
  id                 bigserial PRIMARY KEY,
  leader_id          bigint NOT NULL REFERENCES leaders(id) ON DELETE CASCADE,
  duty               text NOT NULL CHECK (duty IN ('preside','responsible','in_charge','liaison','assist')),
  work_area          text,          -- '财政' (负责 …等方面工作)
  org_unit_id        bigint REFERENCES org_units(id),
  assists_leader_id  bigint REFERENCES leaders(id),
  source_doc         text NOT NULL,  -- 平政办发〔2023〕6号
  CHECK (work_area IS NOT NULL OR org_unit_id IS NOT NULL)
);
CREATE INDEX leader_duties_leader_idx ON leader_duties(leader_id);
CREATE INDEX leader_duties_unit_idx ON leader_duties(org_unit_id);

-- AB角: each stands in for the other.
CREATE TABLE leader_ab_pairs (
  leader_a   bigint NOT NULL REFERENCES leaders(id) ON DELETE CASCADE,
  leader_b   bigint NOT NULL REFERENCES leaders(id) ON DELETE CASCADE,
  source_doc text NOT NULL,
  PRIMARY KEY (leader_a, leader_b)
);

-- Imports of Excel files: one row per upload, progress and rejected-row report kept for the UI.
CREATE TABLE import_jobs (
  id           bigserial PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('residents','houses')),
  file_name    text NOT NULL,
  file_sha256  text NOT NULL,
  file_path    text NOT NULL,
  status       text NOT NULL CHECK (status IN ('queued','running','done','failed')),
  total_rows   int NOT NULL DEFAULT 0,
  processed    int NOT NULL DEFAULT 0,
  created      int NOT NULL DEFAULT 0,
  updated      int NOT NULL DEFAULT 0,
  unchanged    int NOT NULL DEFAULT 0,
  rejected     int NOT NULL DEFAULT 0,
  errors       jsonb NOT NULL DEFAULT '[]',   -- [{row, field, code, message}]
  failure      text,
  heartbeat_at timestamptz,                 -- a worker that stops beating lost the job; another resumes it
  user_id      bigint NOT NULL REFERENCES users(id),
  region_id    bigint NOT NULL REFERENCES regions(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz
);

ALTER TABLE users ADD CONSTRAINT users_org_unit_fk FOREIGN KEY (org_unit_id) REFERENCES org_units(id);
ALTER TABLE users ADD CONSTRAINT users_property_company_fk FOREIGN KEY (property_company_id) REFERENCES property_companies(id);
ALTER TABLE users ADD CONSTRAINT users_resident_fk FOREIGN KEY (resident_id) REFERENCES residents(id);
