-- 网格员 managed in the admin (docs/decisions/047). An account signs in as one grid worker only,
-- so the link is unique; the plain index of 0003 on user_id is replaced by the unique one.
DROP INDEX grid_workers_user_idx;
CREATE UNIQUE INDEX grid_workers_user_key ON grid_workers (user_id) WHERE user_id IS NOT NULL;

-- A form sent twice (a retry after a lost answer) adds one worker: 'user:<id>:<client key>'.
ALTER TABLE grid_workers ADD COLUMN idempotency_key text UNIQUE;
ALTER TABLE grid_workers ADD COLUMN idempotency_fingerprint text;
