-- The workbench lists at county scale (docs/BENCHMARKS.md, "Cases": 1 000 000 cases). Every list
-- is ordered by the next deadline; these indexes let a page's ids come from one walk in that
-- order, from the index alone where the filter columns are included, and let the capped counts
-- of cases.repository.ts (caseListQueries) be answered from an index too. A case is open for
-- days and closed for years, so the open-only ones stay small (70 000 of 1 000 000 entries).

-- Open cases by deadline: the status tabs over a whole county or town, the overdue (red) and
-- nearly-due (yellow) lists, and the supervision sweep (replaces cases_overdue_idx).
CREATE INDEX cases_open_deadline_idx ON cases (next_deadline_at, id)
  INCLUDE (status, region_path, handler_unit_id, paused_at, warn_at) WHERE open;
DROP INDEX cases_overdue_idx;

-- Open cases of one status: the count of each workbench tab, and the rarer tabs' pages.
CREATE INDEX cases_open_status_idx ON cases (status, next_deadline_at, id) INCLUDE (region_path, handler_unit_id) WHERE open;

-- A department's open cases (replaces cases_unit_queue_idx: same keys, with what the tabs filter on).
CREATE INDEX cases_unit_open_idx ON cases (handler_unit_id, next_deadline_at, id) INCLUDE (status, region_path) WHERE open;
DROP INDEX cases_unit_queue_idx;

-- A department's cases, open and closed (a department handler's 全部 tab, an orgUnitId filter).
CREATE INDEX cases_unit_deadline_idx ON cases (handler_unit_id, next_deadline_at, id) INCLUDE (region_path, status);

-- The few a unit still answers for after a transfer or a return (首接负责): first unit, not the handler.
CREATE INDEX cases_first_unit_transfer_idx ON cases (first_unit_id, next_deadline_at, id) INCLUDE (region_path, status, reported_at)
  WHERE first_unit_id IS NOT NULL AND first_unit_id IS DISTINCT FROM handler_unit_id;

-- Every case of a region by deadline (the 全部 tab of county and town staff, and leaders' default).
CREATE INDEX cases_deadline_idx ON cases (next_deadline_at, id) INCLUDE (region_path);

-- Deleting a case (ON DELETE CASCADE, the benchmarks' clean-up) checks case_sources.merged_from_id,
-- which had no index: every deleted case was a scan of all sources (16 000 deletions took > 40 min).
CREATE INDEX case_sources_merged_from_idx ON case_sources (merged_from_id) WHERE merged_from_id IS NOT NULL;
