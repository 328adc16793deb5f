-- Roads (docs/decisions/048): the county's named roads, imported from its road layer (GeoJSON or
-- Shapefile line features) or laid by the demo generator, drawn on the platform's own map and
-- named in a case's place in words ("锦源社区 · 人民路旁约30米"). GCJ-02, like every other place.
CREATE TABLE roads (
  id         bigserial PRIMARY KEY,
  name       text NOT NULL CHECK (btrim(name) <> ''),
  kind       text,                           -- 国道, 省道, 县道, 城市道路 … as the file names it
  geometry   jsonb NOT NULL,                 -- GeoJSON MultiLineString
  -- The line's bounding box: a map view reads the roads that cross it by these (no PostGIS).
  west       double precision NOT NULL,
  south      double precision NOT NULL,
  east       double precision NOT NULL,
  north      double precision NOT NULL,
  source     text NOT NULL,                  -- the file it came from, or 'demo'
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX roads_south_idx ON roads(south);

-- Every process keeps the roads with the other places (places.live.ts) and reloads them all when
-- any changes, as migrations/0016 does for estates, buildings and areas.
CREATE TRIGGER places_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON roads
  FOR EACH STATEMENT EXECUTE FUNCTION civicgrid_announce_change('civicgrid_places');
