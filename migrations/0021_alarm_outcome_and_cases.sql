-- 告警结论与告警转案件 (issue 10, docs/decisions/030-alarm-to-case.md).
--
-- Whoever closes an alarm says what it was: 真实警情 / 误报 / 测试. The false-alarm rates of the
-- device-health page count these; an alarm closed before this migration has none.
ALTER TABLE iot_alarms ADD COLUMN outcome text CHECK (outcome IN ('real', 'false_alarm', 'test'));

-- The alarm → case outbox: an alarm is due for a look (does its type open a case at its
-- severity? then open it) from the moment it is written, whichever process wrote it, because the
-- column's default marks it; the pick-up clears the mark once the case is open or none is wanted,
-- and on a failure pushes it later and keeps the error, so an accepted alarm never loses its case
-- and a broken one does not hold the others up. Several processes pick up with FOR UPDATE SKIP
-- LOCKED, so each alarm opens exactly one case.
ALTER TABLE iot_alarms ADD COLUMN case_due_at timestamptz DEFAULT now();
ALTER TABLE iot_alarms ADD COLUMN case_attempts int NOT NULL DEFAULT 0;
ALTER TABLE iot_alarms ADD COLUMN case_error text;
-- Alarms from before this migration were seen without cases; only new ones are due.
UPDATE iot_alarms SET case_due_at = NULL;
CREATE INDEX iot_alarms_case_due_idx ON iot_alarms (case_due_at) WHERE case_due_at IS NOT NULL;
-- A cleared alarm's case is told so on its timeline, by the same pick-up: set once it has been.
ALTER TABLE iot_alarms ADD COLUMN case_clear_noted boolean NOT NULL DEFAULT false;
CREATE INDEX iot_alarms_case_clear_idx ON iot_alarms (id) WHERE case_id IS NOT NULL AND cleared_at IS NOT NULL AND NOT case_clear_noted;

-- The alarm's case is a case type of its own (server/domains/iot/alarm-case-type.ts): its
-- categories in data/cases/categories.json carry caseType "iot_alarm".
ALTER TABLE case_categories DROP CONSTRAINT case_categories_case_type_check;
ALTER TABLE case_categories ADD CONSTRAINT case_categories_case_type_check CHECK (case_type IN ('general', 'abandoned_vehicle', 'iot_alarm'));
