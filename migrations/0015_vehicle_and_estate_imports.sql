-- Issue 9, docs/decisions/022-houses-grids-and-more-imports.md: vehicles and estates (小区, with
-- their GCJ-02 point) are imported from Excel like residents and houses.
ALTER TABLE import_jobs DROP CONSTRAINT import_jobs_kind_check;
ALTER TABLE import_jobs ADD CONSTRAINT import_jobs_kind_check CHECK (kind IN ('residents','houses','vehicles','estates'));
