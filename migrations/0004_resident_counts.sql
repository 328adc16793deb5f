-- The number of residents living in each region path (not moved out), kept by triggers in the
-- same transaction as every change, so that the unfiltered resident list of a street or the
-- whole county reads its total from ~600 rows instead of counting 330 000
-- (docs/BENCHMARKS.md). Filtered lists still count for real.
CREATE TABLE resident_counts (
  region_path text COLLATE "C" PRIMARY KEY,
  active      bigint NOT NULL
);

-- Transition tables are visible only inside the trigger function itself, so each of the three
-- carries its own copy of the upsert.
CREATE FUNCTION resident_counts_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO resident_counts AS c (region_path, active)
  SELECT region_path, count(*) FROM new_rows WHERE moved_out_on IS NULL GROUP BY region_path
  ON CONFLICT (region_path) DO UPDATE SET active = c.active + EXCLUDED.active;
  RETURN NULL;
END $$;

CREATE FUNCTION resident_counts_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO resident_counts AS c (region_path, active)
  SELECT region_path, -count(*) FROM old_rows WHERE moved_out_on IS NULL GROUP BY region_path
  ON CONFLICT (region_path) DO UPDATE SET active = c.active + EXCLUDED.active;
  RETURN NULL;
END $$;

-- Most updates change neither the path nor the move-out date: their net change is zero and
-- they write nothing here.
CREATE FUNCTION resident_counts_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO resident_counts AS c (region_path, active)
  SELECT region_path, sum(d) FROM (
    SELECT region_path, 1 AS d FROM new_rows WHERE moved_out_on IS NULL
    UNION ALL SELECT region_path, -1 FROM old_rows WHERE moved_out_on IS NULL
  ) AS x GROUP BY region_path HAVING sum(d) <> 0
  ON CONFLICT (region_path) DO UPDATE SET active = c.active + EXCLUDED.active;
  RETURN NULL;
END $$;

CREATE TRIGGER residents_count_insert AFTER INSERT ON residents
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION resident_counts_on_insert();
CREATE TRIGGER residents_count_delete AFTER DELETE ON residents
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION resident_counts_on_delete();
CREATE TRIGGER residents_count_update AFTER UPDATE ON residents
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION resident_counts_on_update();

INSERT INTO resident_counts (region_path, active)
SELECT region_path, count(*) FROM residents WHERE moved_out_on IS NULL GROUP BY region_path;
