-- Two copies each server process keeps, and the triggers that tell every process to drop them
-- (docs/decisions/023). A trigger fires whoever writes — the admin, an import, the boundary CLI,
-- the seed — so no later writer can forget to announce. Statement-level, so a batch is one notice;
-- pg_notify inside the writing transaction, so it is delivered at commit and not at all on
-- rollback. The trigger's argument names the channel.
CREATE FUNCTION civicgrid_announce_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify(TG_ARGV[0], '');
  RETURN NULL;
END
$$;

-- The county's places (server/domains/regions/places.live.ts): the communities' areas and the
-- estates and buildings with a position, from which a reported point is put in words.
CREATE TRIGGER places_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON estates
  FOR EACH STATEMENT EXECUTE FUNCTION civicgrid_announce_change('civicgrid_places');
CREATE TRIGGER places_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON buildings
  FOR EACH STATEMENT EXECUTE FUNCTION civicgrid_announce_change('civicgrid_places');
CREATE TRIGGER places_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON region_areas
  FOR EACH STATEMENT EXECUTE FUNCTION civicgrid_announce_change('civicgrid_places');
CREATE TRIGGER places_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON regions
  FOR EACH STATEMENT EXECUTE FUNCTION civicgrid_announce_change('civicgrid_places');

-- The viewers of recent sessions (server/domains/identity/session-cache.ts). A session ended, an
-- account changed (role, region, 停用, password) or a region renamed: every process empties its
-- cache. New sessions and accounts need no notice: nothing of them is kept yet.
CREATE TRIGGER sessions_changed AFTER UPDATE OR DELETE OR TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION civicgrid_announce_change('civicgrid_sessions');
CREATE TRIGGER sessions_changed AFTER UPDATE OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION civicgrid_announce_change('civicgrid_sessions');
CREATE TRIGGER sessions_changed AFTER UPDATE OR DELETE OR TRUNCATE ON regions
  FOR EACH STATEMENT EXECUTE FUNCTION civicgrid_announce_change('civicgrid_sessions');
