-- The supervision board's totals (事件总计, 已处理, 未处理, 不予受理) count every case of the
-- viewer's region by status: at 1 000 000 cases, 470–935 ms a request (docs/BENCHMARKS.md).
-- They are kept here per region path and status instead (docs/decisions/050).
--
-- A counter row per path and status, bumped by every report, would make concurrent reports of
-- one grid queue on that row's lock until each commits. So a case's change only appends a line
-- to case_status_deltas (no row is shared, no writer waits), and the supervision sweep folds the
-- lines into case_status_counts once a minute. A reader sums both in one statement — one
-- snapshot — so a total is exact at every moment, folded or not.
CREATE TABLE case_status_counts (
  region_path text COLLATE "C" NOT NULL,
  status      text NOT NULL,
  n           bigint NOT NULL,
  PRIMARY KEY (region_path, status)
);

CREATE TABLE case_status_deltas (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region_path text COLLATE "C" NOT NULL,
  status      text NOT NULL,
  delta       bigint NOT NULL
);
CREATE INDEX case_status_deltas_path_idx ON case_status_deltas(region_path);

-- Inserts and deletes come in bulk from the generator and the imports: one line per path and
-- status per statement, from the transition table.
CREATE FUNCTION case_status_deltas_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO case_status_deltas (region_path, status, delta)
  SELECT region_path, status, count(*) FROM new_rows GROUP BY region_path, status;
  RETURN NULL;
END $$;

CREATE FUNCTION case_status_deltas_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO case_status_deltas (region_path, status, delta)
  SELECT region_path, status, -count(*) FROM old_rows GROUP BY region_path, status;
  RETURN NULL;
END $$;

-- Updates are row by row, and only those that move a case to another status or region fire
-- (the WHEN is checked without calling the function): the many updates of a case's clocks,
-- handler and supervision level write nothing here.
CREATE FUNCTION case_status_deltas_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO case_status_deltas (region_path, status, delta)
  VALUES (OLD.region_path, OLD.status, -1), (NEW.region_path, NEW.status, 1);
  RETURN NULL;
END $$;

CREATE FUNCTION case_status_counts_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM case_status_deltas;
  DELETE FROM case_status_counts;
  RETURN NULL;
END $$;

CREATE TRIGGER cases_status_count_insert AFTER INSERT ON cases
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION case_status_deltas_on_insert();
CREATE TRIGGER cases_status_count_delete AFTER DELETE ON cases
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION case_status_deltas_on_delete();
CREATE TRIGGER cases_status_count_update AFTER UPDATE OF status, region_path ON cases FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.region_path IS DISTINCT FROM NEW.region_path)
  EXECUTE FUNCTION case_status_deltas_on_update();
CREATE TRIGGER cases_status_count_truncate AFTER TRUNCATE ON cases
  FOR EACH STATEMENT EXECUTE FUNCTION case_status_counts_on_truncate();

INSERT INTO case_status_counts (region_path, status, n)
SELECT region_path, status, count(*) FROM cases GROUP BY region_path, status;
