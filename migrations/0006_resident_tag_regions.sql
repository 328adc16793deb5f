-- Tag filters (党员, 低保 …) inside a region: each resident carries one token per tag and
-- ancestor region ('party_member@1/2' = a 党员 living under region path /1/2/), generated from
-- tags and region_path, with a GIN index. "党员 in 榆山街道" is then one index lookup: its
-- count took 12 ms instead of 42–96 ms on PostgreSQL (docs/BENCHMARKS.md).
CREATE FUNCTION tags_in_regions(tags text[], path text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(t || '@' || p), '{}')
  FROM unnest(tags) AS t,
       LATERAL (
         SELECT array_to_string((string_to_array(trim(both '/' from path), '/'))[1:n], '/') AS p
         FROM generate_series(1, coalesce(array_length(string_to_array(trim(both '/' from path), '/'), 1), 0)) AS n
       ) AS prefixes
$$;

ALTER TABLE residents ADD COLUMN tag_regions text[]
  GENERATED ALWAYS AS (tags_in_regions(tags, region_path)) STORED;

CREATE INDEX residents_tag_regions_idx ON residents USING gin (tag_regions) WHERE moved_out_on IS NULL;
