-- 重大决策预公开 → 督查督办 (issue 11): a major decision can spawn supervised tasks. The list keeps
-- the decision's id (the disclosure domain's) as a plain reference, as it keeps a document's.
ALTER TABLE task_lists ADD COLUMN decision_id bigint;
CREATE INDEX task_lists_decision_idx ON task_lists (decision_id) WHERE decision_id IS NOT NULL;
