-- 依申请公开: applications for government information under the 政府信息公开条例 (2019), handled
-- by the county government office (docs/decisions/046). Not region-scoped: the office handles
-- every application to the county government, wherever the applicant lives.

CREATE TABLE disclosure_applications (
  id                     bigserial PRIMARY KEY,
  -- What the applicant keeps to follow the application (with the contact they gave): YS2024-7KQ3M9TX.
  tracking_code          text NOT NULL UNIQUE,
  channel                text NOT NULL DEFAULT 'online' CHECK (channel IN ('online','letter','in_person')),
  -- 公民 (natural person) or 法人或者其他组织 (legal person); each needs its own fields.
  applicant_kind         text NOT NULL CHECK (applicant_kind IN ('natural','legal')),
  -- The natural person's name, or the organisation's.
  applicant_name         text NOT NULL,
  id_type                text,                       -- 身份证 …, natural persons
  id_number              text,
  -- 年度报告 表三 counts legal persons by kind: 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他.
  organization_kind      text CHECK (organization_kind IN ('business','research','public_interest','legal_service','other')),
  credit_code            text,                       -- 统一社会信用代码, legal persons
  legal_representative   text,
  contact_person         text,
  phone                  text NOT NULL,
  email                  text,
  address                text,
  postal_code            text,
  description            text NOT NULL,              -- 所需政府信息的名称、文号或者便于查询的其他特征性描述
  purpose                text,                       -- optional since the 2019 revision
  format                 text NOT NULL CHECK (format IN ('paper','electronic','inspect')),
  delivery               text NOT NULL CHECK (delivery IN ('mail','email','pickup','online')),
  state                  text NOT NULL CHECK (state IN
                           ('submitted','reviewing','awaiting_correction','handling','consulting','replied','archived','withdrawn')),
  submitted_at           timestamptz NOT NULL DEFAULT now(),
  -- 条例 第三十一条: the day the office confirms an online application is the day it is received.
  received_on            date,
  -- The day the 20 working days count from: received_on, or the day a 补正 arrived (第三十条).
  clock_start_on         date,
  -- The reply deadline as last computed (pauses and the extension included), for lists and colours.
  due_on                 date,
  -- The day it was answered, or ended unanswered (视为放弃): 年度报告 counts it in that year.
  concluded_on           date,
  archived_at            timestamptz,
  idempotency_key        text UNIQUE,
  idempotency_fingerprint text,
  CHECK ((applicant_kind = 'natural' AND id_number IS NOT NULL) OR (applicant_kind = 'legal' AND credit_code IS NOT NULL))
);
CREATE INDEX disclosure_applications_state_idx ON disclosure_applications(state, due_on);
CREATE INDEX disclosure_applications_received_idx ON disclosure_applications(received_on);

-- Every step, with who, when and what; internal lines never reach the applicant's status page.
CREATE TABLE disclosure_application_events (
  id              bigserial PRIMARY KEY,
  application_id  bigint NOT NULL REFERENCES disclosure_applications(id) ON DELETE CASCADE,
  at              timestamptz NOT NULL DEFAULT now(),
  action          text NOT NULL,
  actor_user_id   bigint REFERENCES users(id),
  actor_name      text NOT NULL,                      -- '申请人' for the applicant's own steps
  note            text,
  internal        boolean NOT NULL DEFAULT false,
  state_after     text NOT NULL
);
CREATE INDEX disclosure_application_events_app_idx ON disclosure_application_events(application_id, at);

-- 补正 (第三十条): told once, within 7 working days of receipt; the clock restarts on its return.
CREATE TABLE disclosure_corrections (
  id              bigserial PRIMARY KEY,
  application_id  bigint NOT NULL UNIQUE REFERENCES disclosure_applications(id) ON DELETE CASCADE,
  issued_on       date NOT NULL,
  requested       text NOT NULL,                      -- what to correct, and how
  respond_by      date NOT NULL,                      -- the reasonable period the notice gives
  received_on     date,
  received_note   text
);

-- 征求意见 of a third party (第三十二条) or another agency (第三十四条): the time it takes is not
-- counted (第三十三条 第三款). One runs at a time; ended_on null while it runs.
CREATE TABLE disclosure_consultations (
  id              bigserial PRIMARY KEY,
  application_id  bigint NOT NULL REFERENCES disclosure_applications(id) ON DELETE CASCADE,
  kind            text NOT NULL CHECK (kind IN ('third_party','co_agency')),
  party           text NOT NULL,
  started_on      date NOT NULL,
  ended_on        date,
  outcome         text,
  CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE INDEX disclosure_consultations_app_idx ON disclosure_consultations(application_id);

-- 延长答复期限 (第三十三条 第二款): once, at most 20 working days, approved by 负责人, the applicant told.
CREATE TABLE disclosure_extensions (
  id              bigserial PRIMARY KEY,
  application_id  bigint NOT NULL UNIQUE REFERENCES disclosure_applications(id) ON DELETE CASCADE,
  days            int NOT NULL CHECK (days BETWEEN 1 AND 20),
  reason          text NOT NULL,
  approver        text NOT NULL,
  approved_on     date NOT NULL,
  notice          text NOT NULL,                      -- the words sent to the applicant
  notified_on     date NOT NULL
);

-- The year's last reply-letter serial: one atomic upsert gives the next, whatever the process.
CREATE TABLE disclosure_reply_serials (
  year  int PRIMARY KEY,
  last  int NOT NULL
);

-- 答复 (第三十六条), with its numbered reply letter (答复书).
CREATE TABLE disclosure_replies (
  id              bigserial PRIMARY KEY,
  application_id  bigint NOT NULL UNIQUE REFERENCES disclosure_applications(id) ON DELETE CASCADE,
  reply_type      text NOT NULL CHECK (reply_type IN
                    ('already_public','disclosed','partly_disclosed','not_disclosed','not_exist','not_ours','repeat')),
  -- 不予公开 and the withheld part of 部分公开: which ground (年度报告 表三 (三) 1–8).
  withheld_ground text CHECK (withheld_ground IN
                    ('state_secret','law_prohibited','three_safety','third_party','internal_affairs','process_info','enforcement_file','inquiry')),
  year            int NOT NULL,
  serial          int NOT NULL,
  number          text NOT NULL UNIQUE,
  replied_on      date NOT NULL,
  content         text NOT NULL,                      -- what is provided, or the answer in words
  public_location text,                               -- already_public: where it is published
  other_agency    text,                               -- not_ours: the agency that holds it
  withheld_reason text,                               -- the reason and its legal basis
  replied_by      bigint REFERENCES users(id),
  UNIQUE (year, serial)
);

-- 信息处理费 (国办函〔2020〕109号): by piece or by volume, the amount as the rules computed it.
CREATE TABLE disclosure_fees (
  id              bigserial PRIMARY KEY,
  application_id  bigint NOT NULL UNIQUE REFERENCES disclosure_applications(id) ON DELETE CASCADE,
  method          text NOT NULL CHECK (method IN ('per_piece','per_volume')),
  quantity        int NOT NULL CHECK (quantity > 0),  -- pieces this application counts, or pages
  prior_pieces    int NOT NULL DEFAULT 0,             -- per_piece: the applicant's earlier pieces that month
  amount_yuan     int NOT NULL CHECK (amount_yuan >= 0),
  explanation     text NOT NULL,
  noticed_on      date NOT NULL
);

-- 重大决策预公开 (重大行政决策程序暂行条例 2019): the year's catalogue of major decisions, each
-- with its draft put out for public comment, the comments (moderated; the commenter signed in),
-- each comment's adoption, and the adoption report published with the decision.
CREATE TABLE disclosure_decisions (
  id                  bigserial PRIMARY KEY,
  year                int NOT NULL,
  seq                 int NOT NULL,                   -- its number in the year's catalogue (目录)
  title               text NOT NULL,
  organ               text NOT NULL,                  -- 承办单位
  draft               text NOT NULL,                  -- 决策草案
  explanation         text NOT NULL,                  -- 起草说明
  background          text NOT NULL,                  -- 决策背景
  state               text NOT NULL CHECK (state IN ('planned','consulting','closed','decided')),
  comment_opens_on    date,
  comment_closes_on   date,
  -- 第十五条: at least 30 days, unless the reason for less is published with the call.
  short_period_reason text,
  result              text,                           -- 决策结果
  adoption_report     text,                           -- 公众意见采纳情况
  decided_on          date,
  UNIQUE (year, seq),
  CHECK (comment_closes_on IS NULL OR comment_closes_on >= comment_opens_on)
);

CREATE TABLE disclosure_decision_comments (
  id              bigserial PRIMARY KEY,
  decision_id     bigint NOT NULL REFERENCES disclosure_decisions(id) ON DELETE CASCADE,
  -- The commenter is verified by their account (the project has no SMS gateway to verify a phone).
  user_id         bigint NOT NULL REFERENCES users(id),
  author          text NOT NULL,                      -- as shown publicly: 张**
  content         text NOT NULL,
  submitted_at    timestamptz NOT NULL DEFAULT now(),
  moderation      text NOT NULL DEFAULT 'pending' CHECK (moderation IN ('pending','approved','rejected')),
  moderation_note text,
  adoption        text CHECK (adoption IN ('adopted','partly','not_adopted')),
  adoption_reason text
);
CREATE INDEX disclosure_decision_comments_decision_idx ON disclosure_decision_comments(decision_id, submitted_at);
