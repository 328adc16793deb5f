-- 自然小时 time limits (issue 10, docs/decisions/037-calendar-hour-time-limits.md).
--
-- A fire, a gas leak, a trapped elevator or an emergency call must be handled within an hour of
-- dispatch on any day at any hour, not within an hour of office time (a fire reported at 19:59
-- on a Saturday was due on Monday morning). A category's limit may now be counted in real hours
-- round the clock: sla_unit 'calendar_hours'.
--
-- No rows change here: data/cases/categories.json is synced into case_categories at every start
-- (syncCaseCatalogue), so an existing install takes the new units of its IoT categories from the
-- file. A case opened before keeps the deadlines it was given.
ALTER TABLE case_categories DROP CONSTRAINT case_categories_sla_unit_check;
ALTER TABLE case_categories ADD CONSTRAINT case_categories_sla_unit_check
  CHECK (sla_unit IN ('working_hours', 'working_days', 'calendar_hours'));
