-- Where things are (issue 9, docs/decisions/017-maps-and-places.md). All coordinates GCJ-02,
-- like regions.lon/lat, estates.lon/lat, the county outline and the case API.

-- 楼栋 get a position; the nearest one names where a case is ("锦绣花园3号楼附近约20米").
ALTER TABLE buildings ADD COLUMN lon double precision;
ALTER TABLE buildings ADD COLUMN lat double precision;
-- "What is near this point" is a latitude range then a longitude filter (PGlite has no PostGIS).
CREATE INDEX buildings_lat_idx ON buildings(lat) WHERE lat IS NOT NULL;
CREATE INDEX estates_lat_idx ON estates(lat) WHERE lat IS NOT NULL;

-- The area of a town or community: an official boundary imported from the county's GeoJSON or
-- Shapefile, or one derived from the positions (Voronoi cells clipped to the parent's area),
-- which every map labels 近似范围.
CREATE TABLE region_areas (
  region_id  bigint PRIMARY KEY REFERENCES regions(id),
  geometry   jsonb NOT NULL,                 -- GeoJSON Polygon or MultiPolygon
  source     text NOT NULL CHECK (source IN ('official','approximate')),
  note       text NOT NULL,                  -- the file it came from, or how it was derived
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A case's place in words, computed when it is reported from its point: the community and the
-- nearest estate or building with the distance. A house's case keeps its standard address in
-- cases.address instead.
ALTER TABLE cases ADD COLUMN location_text text;

-- Grids were named 第一网格, 第二网格 … in every community, so a county-wide list could not tell
-- them apart; a grid's name now carries its community's (锦源社区第一网格), as the generator makes it.
UPDATE regions AS g SET name = p.name || g.name
  FROM regions AS p
 WHERE g.parent_id = p.id AND g.level = 'grid' AND g.name NOT LIKE p.name || '%';
