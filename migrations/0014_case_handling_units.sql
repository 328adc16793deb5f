-- Issue 9, docs/decisions/018-handling-units-and-one-clock.md.
--
-- Which org units handle cases (承办单位): the dispatcher's target picker lists only these, and a
-- dispatch to any other unit is refused. Seeded by the case catalogue's sync from its routing and
-- from the division of labour (a department a leader is in charge of, 分管), then the county
-- administrator's to edit: a row they changed keeps their choice through later syncs.
CREATE TABLE case_handling_units (
  org_unit_id bigint PRIMARY KEY REFERENCES org_units(id) ON DELETE CASCADE,
  handles     boolean NOT NULL,
  source      text NOT NULL CHECK (source IN ('catalogue', 'division_of_labour', 'administrator')),
  updated_by  bigint REFERENCES users(id) ON DELETE SET NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- The red filter now also holds a case whose promise (due_at) is broken while it binds the case
-- (common/case-clock.ts). The open-cases deadline index carries due_at so the overdue list and
-- its count stay index-only: without it they read every open case's row (9 → 358 ms p95 at
-- 1 000 000 cases, docs/BENCHMARKS.md).
CREATE INDEX cases_open_deadline_due_idx ON cases (next_deadline_at, id)
  INCLUDE (status, region_path, handler_unit_id, paused_at, warn_at, due_at) WHERE open;
DROP INDEX cases_open_deadline_idx;
