-- 农村房屋 (docs/decisions/049): a village's houses are not in estates. They are known by their
-- 门牌 — the 组 or 自然村 they stand in and their door number (小河村3组15号) — and each has its
-- own GCJ-02 point, as buildings do (migration 0013). A house is one shape or the other: in a unit
-- of a building of an estate, with its room and floor; or a village house with its door number
-- and point. Its 标准地址 stays the unique natural key either way.
ALTER TABLE houses ALTER COLUMN unit_id DROP NOT NULL;
ALTER TABLE houses ALTER COLUMN estate_id DROP NOT NULL;
ALTER TABLE houses ALTER COLUMN room DROP NOT NULL;
ALTER TABLE houses ALTER COLUMN floor DROP NOT NULL;
ALTER TABLE houses ADD COLUMN village_group text;   -- '3组', '李家庄' (自然村); optional
ALTER TABLE houses ADD COLUMN door_number text;     -- '15号'
ALTER TABLE houses ADD COLUMN lon double precision;
ALTER TABLE houses ADD COLUMN lat double precision;
ALTER TABLE houses ADD CONSTRAINT houses_shape_check CHECK (
  (unit_id IS NOT NULL AND estate_id IS NOT NULL AND room IS NOT NULL AND floor IS NOT NULL
    AND village_group IS NULL AND door_number IS NULL AND lon IS NULL AND lat IS NULL)
  OR
  (unit_id IS NULL AND estate_id IS NULL AND room IS NULL AND floor IS NULL
    AND door_number IS NOT NULL AND lon IS NOT NULL AND lat IS NOT NULL)
);
-- The map reads village houses by a latitude range, as it reads buildings.
CREATE INDEX houses_lat_idx ON houses(lat) WHERE lat IS NOT NULL;

-- A village house is a place a reported point is put in words by (小河村 · 3组15号附近约20米), so
-- each process's copy of the county's places (migration 0016) is dropped when one is added, moved,
-- renumbered or removed. Row-level with a WHEN, so the houses of estates never announce; pg_notify
-- folds a batch's identical notices into one.
CREATE TRIGGER village_houses_added AFTER INSERT ON houses
  FOR EACH ROW WHEN (NEW.lon IS NOT NULL)
  EXECUTE FUNCTION civicgrid_announce_change('civicgrid_places');
CREATE TRIGGER village_houses_changed AFTER UPDATE ON houses
  FOR EACH ROW WHEN (OLD.lon IS DISTINCT FROM NEW.lon OR OLD.lat IS DISTINCT FROM NEW.lat
    OR OLD.door_number IS DISTINCT FROM NEW.door_number OR OLD.village_group IS DISTINCT FROM NEW.village_group)
  EXECUTE FUNCTION civicgrid_announce_change('civicgrid_places');
CREATE TRIGGER village_houses_removed AFTER DELETE ON houses
  FOR EACH ROW WHEN (OLD.lon IS NOT NULL)
  EXECUTE FUNCTION civicgrid_announce_change('civicgrid_places');
