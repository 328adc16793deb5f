-- The supervision board groups the open cases of a scope by handling unit or grid and by town,
-- with their clock colours (server/domains/cases/supervision.repository.ts board). The open-cases
-- deadline index now carries handler_region_id too, so both groupings read the index alone:
-- without it they read every open case's row (600–1 300 ms at 1 000 000 cases on this machine,
-- docs/BENCHMARKS.md). It replaces migrations/0014's index, which it covers.
CREATE INDEX cases_open_board_idx ON cases (next_deadline_at, id)
  INCLUDE (status, region_path, handler_unit_id, handler_region_id, paused_at, warn_at, due_at) WHERE open;
DROP INDEX cases_open_deadline_due_idx;
