-- Two caches each server process keeps, and the triggers that tell every process to empty them.
--
-- Every server process keeps the county's places in memory — the communities' areas, and the
-- estates and buildings with a position — to say where a reported point is without reading them
-- per report (issue 9; server/domains/regions/places.live.ts). A change to any of them, by
-- whatever writes it (the admin, an import, the boundary CLI, the seed), tells every process to
-- reload: a statement-level trigger, so a batch is one notice, and pg_notify inside the writing
-- transaction, so it is delivered at commit and not at all on rollback.
CREATE FUNCTION civicgrid_places_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('civicgrid_places', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER places_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON estates
  FOR EACH STATEMENT EXECUTE FUNCTION civicgrid_places_changed();
CREATE TRIGGER places_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON buildings
  FOR EACH STATEMENT EXECUTE FUNCTION civicgrid_places_changed();
CREATE TRIGGER places_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON region_areas
  FOR EACH STATEMENT EXECUTE FUNCTION civicgrid_places_changed();
CREATE TRIGGER places_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON regions
  FOR EACH STATEMENT EXECUTE FUNCTION civicgrid_places_changed();

-- Each process also keeps the viewers of recent sessions (server/domains/identity/session-cache.ts).
-- A session ended, an account changed (role, region, 停用, password) or a region renamed empties
-- every process's cache. New sessions and accounts need no notice: nothing of them is kept yet.
CREATE FUNCTION civicgrid_sessions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('civicgrid_sessions', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER sessions_changed AFTER UPDATE OR DELETE OR TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION civicgrid_sessions_changed();
CREATE TRIGGER sessions_changed AFTER UPDATE OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION civicgrid_sessions_changed();
CREATE TRIGGER sessions_changed AFTER UPDATE OR DELETE OR TRUNCATE ON regions
  FOR EACH STATEMENT EXECUTE FUNCTION civicgrid_sessions_changed();
