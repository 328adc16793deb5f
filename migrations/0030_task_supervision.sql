-- 督查督办: supervised task lists (issue 11 part 5, docs/decisions/044-task-supervision.md).

-- One list per source: a gazette document's task table or plan phases (keyed by its number, so a
-- re-import updates it), or a list the office enters by hand (tasks from a meeting: no number).
CREATE TABLE task_lists (
  id          bigserial PRIMARY KEY,
  number      text UNIQUE,                 -- 平政办发〔2023〕5号; null for a list entered by hand
  document_id bigint,                      -- the documents domain's id: a plain reference, not a foreign key
  title       text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('table','phases','manual')),
  issued_on   date NOT NULL,               -- 成文日期, or the day entered: monthly reporting starts with its month
  created_by  bigint REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  -- A hand-entered list sent again under the same Idempotency-Key is the first one ('user:<id>:<key>').
  idempotency_key         text UNIQUE,
  idempotency_fingerprint text
);

CREATE TABLE tasks (
  id            bigserial PRIMARY KEY,
  list_id       bigint NOT NULL REFERENCES task_lists(id) ON DELETE CASCADE,
  seq           int NOT NULL,
  category      text,                      -- 一级 heading
  task          text NOT NULL,             -- 工作任务 / 主要任务 / the phase's name
  requirement   text,                      -- 具体要求
  deadline      date,                      -- null with ongoing = true (长期坚持) or when none is printed
  ongoing       boolean NOT NULL DEFAULT false,
  deadline_text text,                      -- 完成时限 as printed: 2023年12月底前
  starts_on     date,                      -- a phase's first day
  completed_on  date,                      -- 办结, confirmed by the office
  completed_by  bigint REFERENCES users(id),
  UNIQUE (list_id, seq),
  CHECK (NOT (ongoing AND deadline IS NOT NULL))
);

-- Milestone targets (上半年/三季度/全年目标) with the day each is due.
CREATE TABLE task_targets (
  id      bigserial PRIMARY KEY,
  task_id bigint NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  period  text NOT NULL,                   -- 上半年目标
  due     date,
  text    text NOT NULL,
  sort    int NOT NULL,
  UNIQUE (task_id, sort)
);

-- Quantities a target's text states (全年数币消费笔数突破2万笔 → 20000 笔), tracked as numbers.
CREATE TABLE task_measures (
  id        bigserial PRIMARY KEY,
  target_id bigint NOT NULL REFERENCES task_targets(id) ON DELETE CASCADE,
  label     text NOT NULL,                 -- the words before the number: 全年数币消费笔数
  quantity  numeric NOT NULL,
  unit      text NOT NULL,                 -- 笔, 元, %, 家 …
  sort      int NOT NULL,
  UNIQUE (target_id, sort)
);

-- Responsible units as printed, each resolved to a county unit or a town, or left unresolved.
CREATE TABLE task_units (
  id           bigserial PRIMARY KEY,
  task_id      bigint NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  role         text NOT NULL CHECK (role IN ('lead','co')),   -- 牵头 / 配合
  printed_name text NOT NULL,              -- 县发改局; 各镇（街道） for every town it expands to
  org_unit_id  bigint REFERENCES org_units(id),
  region_id    bigint REFERENCES regions(id),
  sort         int NOT NULL,
  CHECK (org_unit_id IS NULL OR region_id IS NULL)
);
CREATE UNIQUE INDEX task_units_unit_key ON task_units(task_id, org_unit_id) WHERE org_unit_id IS NOT NULL;
CREATE UNIQUE INDEX task_units_region_key ON task_units(task_id, region_id) WHERE region_id IS NOT NULL;
CREATE UNIQUE INDEX task_units_unresolved_key ON task_units(task_id, printed_name) WHERE org_unit_id IS NULL AND region_id IS NULL;
CREATE INDEX task_units_org_unit_idx ON task_units(org_unit_id);
CREATE INDEX task_units_region_idx ON task_units(region_id);

-- One report per responsible unit and month (每月8日前 for the month before): a co-unit's goes to
-- the lead, a lead's is the consolidated one. Filing again in the window replaces the text.
CREATE TABLE task_reports (
  id           bigserial PRIMARY KEY,
  task_unit_id bigint NOT NULL REFERENCES task_units(id) ON DELETE CASCADE,
  month        date NOT NULL CHECK (extract(day FROM month) = 1),  -- the month reported on
  text         text NOT NULL,
  figures      jsonb NOT NULL DEFAULT '[]',  -- [{measureId, value}]
  submitted_by bigint NOT NULL REFERENCES users(id),
  submitted_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (task_unit_id, month)
);

CREATE TABLE task_report_files (
  id        bigserial PRIMARY KEY,
  report_id bigint NOT NULL REFERENCES task_reports(id) ON DELETE CASCADE,
  file_name text NOT NULL,
  sha256    text NOT NULL,
  extension text NOT NULL,
  size      bigint NOT NULL,
  uploaded_by bigint NOT NULL REFERENCES users(id),
  uploaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX task_report_files_report_idx ON task_report_files(report_id);

-- 催办 and 督办通知: who, when, to which unit (null: every unit of the task), what, and by when.
CREATE TABLE task_actions (
  id           bigserial PRIMARY KEY,
  task_id      bigint NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  task_unit_id bigint REFERENCES task_units(id) ON DELETE CASCADE,
  kind         text NOT NULL CHECK (kind IN ('reminder','notice')),
  text         text NOT NULL,
  respond_by   date,
  created_by   bigint NOT NULL REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX task_actions_task_idx ON task_actions(task_id);

-- 考核: a list's scores per unit as the office recorded them for a period (the formula in the
-- decision; a recorded score does not move when later reports come in).
CREATE TABLE task_assessments (
  id           bigserial PRIMARY KEY,
  list_id      bigint NOT NULL REFERENCES task_lists(id) ON DELETE CASCADE,
  period       text NOT NULL,              -- 2023 or 2023-06: what the scores cover
  unit_key     text NOT NULL,              -- 'unit:12' or 'region:10'
  unit_name    text NOT NULL,
  timeliness   numeric NOT NULL,
  completion   numeric NOT NULL,
  score        numeric NOT NULL,
  recorded_by  bigint NOT NULL REFERENCES users(id),
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (list_id, period, unit_key)
);
