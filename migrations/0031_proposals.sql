-- Issue 11 part 6, docs/decisions/045-proposals.md: CPPCC proposals (政协提案) and NPC
-- suggestions (人大建议), from registration to the proposer's feedback form (附件5) and the
-- handling unit's quality evaluation (附件6) of 平政办字〔2023〕9号.

-- 会议: 县政协十一届二次会议 is body cppcc, term 11, session 2. Dates are unknown when a session
-- is first met in an imported reply.
CREATE TABLE proposal_sessions (
  id             bigserial PRIMARY KEY,
  body           text NOT NULL CHECK (body IN ('cppcc', 'npc')),
  -- What stands before the body in the title (县, 市): another county's reply reads the same.
  level          text NOT NULL DEFAULT '县',
  term           integer NOT NULL CHECK (term > 0),
  session_number integer NOT NULL CHECK (session_number > 0),
  opens_on       date,
  closes_on      date CHECK (closes_on >= opens_on),
  UNIQUE (level, body, term, session_number)
);

-- The proposal's own state, a pure table in server/domains/proposals/proposal-states.ts.
CREATE TABLE proposals (
  id            bigserial PRIMARY KEY,
  session_id    bigint NOT NULL REFERENCES proposal_sessions(id),
  kind          text NOT NULL CHECK (kind IN ('proposal', 'suggestion')),
  -- As printed (1102097): a number, not an integer, since some bodies number 第18号 and some 1102097.
  number        text NOT NULL CHECK (number ~ '^[0-9]+$'),
  title         text NOT NULL,
  content       text,
  category      text,
  state         text NOT NULL CHECK (state IN ('pending_review', 'not_filed', 'to_assign', 'handling', 'replied', 'closed')),
  -- 立案审查: the reason is required for 不予立案 (server/domains/proposals/proposal-states.ts).
  review_reason text,
  reviewed_at   timestamptz,
  mode          text CHECK (mode IN ('single', 'split', 'joint')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (session_id, number)
);
CREATE INDEX proposals_state_idx ON proposals (state);

-- 提案者: one or many (1102097 has three), in the order printed.
CREATE TABLE proposal_proposers (
  proposal_id bigint NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
  seq         integer NOT NULL,
  name        text NOT NULL,
  PRIMARY KEY (proposal_id, seq),
  UNIQUE (proposal_id, name)
);

-- 交办: a unit's part in one handling round. 单办 one lead; 分办 several leads, each replying for
-- its part; 会办 one lead and co-units, whose opinions go to the lead. A returned assignment (退回,
-- within 10 days) stays as history; re-handling after an unsatisfied feedback is a new round.
CREATE TABLE proposal_assignments (
  id              bigserial PRIMARY KEY,
  proposal_id     bigint NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
  round           integer NOT NULL DEFAULT 1 CHECK (round > 0),
  org_unit_id     bigint NOT NULL REFERENCES org_units(id),
  role            text NOT NULL CHECK (role IN ('lead', 'co')),
  status          text NOT NULL CHECK (status IN ('handling', 'returned', 'opinion_sent', 'replied')),
  -- Null only for a reply read from a gazette, which does not say when the proposal was assigned.
  assigned_on     date,
  assigned_by     bigint REFERENCES users(id) ON DELETE SET NULL,
  returned_on     date,
  return_reason   text,
  opinion         text,
  opinion_on      date,
  -- The reply deadline moved past 3 months (at most 6) with the office's reason.
  extended_until  date,
  extension_reason text,
  -- The previous round's assignment this one handles again (不满意 → 重新办理).
  rehandles       bigint REFERENCES proposal_assignments(id),
  CHECK ((status = 'returned') = (returned_on IS NOT NULL)),
  CHECK ((extended_until IS NULL) = (extension_reason IS NULL))
);
CREATE INDEX proposal_assignments_proposal_idx ON proposal_assignments (proposal_id);
CREATE INDEX proposal_assignments_unit_idx ON proposal_assignments (org_unit_id, status);
-- One live assignment per unit per round; a returned one may be followed by the unit again.
CREATE UNIQUE INDEX proposal_assignments_live_idx ON proposal_assignments (proposal_id, round, org_unit_id) WHERE status <> 'returned';

-- 答复: a lead unit's reply, as a numbered document (平政办字〔2023〕9号). document_id is the
-- library's row when the library holds that number (the documents domain's table, linked by
-- number at merge; no foreign key across the domain boundary, decision 045).
CREATE TABLE proposal_replies (
  id              bigserial PRIMARY KEY,
  assignment_id   bigint NOT NULL UNIQUE REFERENCES proposal_assignments(id) ON DELETE CASCADE,
  replied_on      date NOT NULL,
  document_number text NOT NULL,
  document_id     bigint,
  content         text NOT NULL,
  contact_name    text,
  contact_phone   text,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX proposal_replies_document_idx ON proposal_replies (document_number);

-- 附件5 县政协委员提案办理答复反馈表: one form for one unit's reply (每张表格只对一件提案的一个承办单位).
-- The options are common/proposal-forms.ts's; the database keeps their codes.
CREATE TABLE proposal_feedback (
  id            bigserial PRIMARY KEY,
  reply_id      bigint NOT NULL UNIQUE REFERENCES proposal_replies(id) ON DELETE CASCADE,
  consultation  text NOT NULL CHECK (consultation IN ('in_person', 'phone', 'email', 'letter', 'meeting', 'none')),
  pertinence    text NOT NULL CHECK (pertinence IN ('strong', 'average', 'poor')),
  satisfaction  text NOT NULL CHECK (satisfaction IN ('satisfied', 'basically_satisfied', 'unsatisfied')),
  adoption      text NOT NULL CHECK (adoption IN ('A', 'B', 'C', 'D')),
  signer        text NOT NULL,
  signer_phone  text,
  recorded_by   bigint REFERENCES users(id) ON DELETE SET NULL,
  recorded_at   timestamptz NOT NULL DEFAULT now()
);

-- 附件6 县政协委员提案质量评议表, filled by the handling unit and sent with its reply. Scores are
-- kept by criterion code; each criterion's maximum is common/proposal-forms.ts's (one place).
CREATE TABLE proposal_evaluations (
  id           bigserial PRIMARY KEY,
  proposal_id  bigint NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
  org_unit_id  bigint NOT NULL REFERENCES org_units(id),
  scores       jsonb NOT NULL,
  total        integer NOT NULL CHECK (total BETWEEN 0 AND 100),
  recommended  boolean NOT NULL,
  suggestions  text,
  evaluated_by bigint REFERENCES users(id) ON DELETE SET NULL,
  evaluated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (proposal_id, org_unit_id)
);
