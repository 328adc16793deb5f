-- 废弃汽车专项治理 (平政办字〔2023〕7号): the campaign with its phases, and the 一车一档 dossier
-- kept beside each abandoned-vehicle case. The case itself (report, dispatch, handle, close)
-- stays in the case engine; these tables hold only what the plan adds to it.

-- A campaign is data so the next one is configured, not coded. Campaigns from
-- data/cases/campaigns.json carry from_catalogue and are inserted once by code.
CREATE TABLE av_campaigns (
  id             bigserial PRIMARY KEY,
  code           text NOT NULL UNIQUE,
  name           text NOT NULL,
  doc_number     text NOT NULL,                 -- 平政办字〔2023〕7号
  issued_on      date NOT NULL,
  issuing_unit   text NOT NULL,                 -- 平阴县人民政府办公室
  legal_basis    text NOT NULL,                 -- the plan's sentence quoted on every 限期清理通知书
  report_day     int NOT NULL DEFAULT 8 CHECK (report_day BETWEEN 1 AND 28),   -- 每月8日前 报上月情况
  from_catalogue boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- 全面排查 / 自行清理 / 分类处置: consecutive, non-overlapping date ranges (checked by the service).
CREATE TABLE av_campaign_phases (
  id          bigserial PRIMARY KEY,
  campaign_id bigint NOT NULL REFERENCES av_campaigns(id) ON DELETE CASCADE,
  code        text NOT NULL,
  name        text NOT NULL,
  starts_on   date NOT NULL,
  ends_on     date NOT NULL,
  sort        int NOT NULL DEFAULT 0,
  CHECK (starts_on <= ends_on),
  UNIQUE (campaign_id, code)
);
CREATE INDEX av_campaign_phases_campaign_idx ON av_campaign_phases(campaign_id, sort);

-- 一车一档: one dossier per abandoned-vehicle case, written as the steps happen.
CREATE TABLE av_dossiers (
  case_id              bigint PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
  campaign_id          bigint REFERENCES av_campaigns(id),
  -- 车找人: the registry's vehicle and its owner, when the plate was found
  owner_status         text NOT NULL DEFAULT 'unchecked' CHECK (owner_status IN ('unchecked','found','unknown')),
  vehicle_id           bigint REFERENCES vehicles(id),
  owner_id             bigint REFERENCES residents(id),
  owner_checked_at     timestamptz,
  -- 告知车辆所有人自行清理
  owner_notice_method  text,
  owner_notice_at      timestamptz,
  owner_deadline       date,
  -- 限期清理通知书 / 媒体公告, when the owner is unknown or let the deadline pass
  public_notice_method text,
  public_notice_at     timestamptz,
  public_deadline      date,
  public_notice_sha    text,                    -- the .docx in the file store (area av-notices)
  issuing_unit         text,
  -- 分类处置
  disposal             text CHECK (disposal IN ('self_cleared','scrapped','removed_chengguan','removed_police','removed_parking','civil_law','transferred')),
  disposal_at          timestamptz,
  disposal_unit        text,
  receiving_unit       text,                    -- 移交办案单位: who received the vehicle
  disposal_note        text,
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK ((disposal = 'transferred') = (receiving_unit IS NOT NULL) OR disposal IS NULL)
);
CREATE INDEX av_dossiers_disposal_idx ON av_dossiers(disposal_at) WHERE disposal IS NOT NULL;

-- 异议申诉: an open objection pauses disposal until it is resolved.
CREATE TABLE av_objections (
  id           bigserial PRIMARY KEY,
  case_id      bigint NOT NULL REFERENCES av_dossiers(case_id) ON DELETE CASCADE,
  raised_at    timestamptz NOT NULL,
  raised_by    text NOT NULL,                  -- who objected (the owner, a relative, a company)
  content      text NOT NULL,
  recorded_by  bigint REFERENCES users(id),
  resolved_at  timestamptz,
  resolution   text,
  resolved_by  bigint REFERENCES users(id)
);
CREATE INDEX av_objections_case_idx ON av_objections(case_id, id);
CREATE UNIQUE INDEX av_objections_one_open_idx ON av_objections(case_id) WHERE resolved_at IS NULL;
