-- The rules each process keeps per device for ingest (server/domains/iot/rules-for-devices.ts,
-- decision 034), emptied as decision 023's caches are: a rule or override written by anyone (the
-- rules API, the device types' sync, an import), or a device moved, retyped or given another
-- snapshot, and every process reads its devices' rules again. The ingest's own writes to
-- iot_devices (last_seen_at, online, battery) announce nothing.
CREATE TRIGGER iot_rules_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON iot_rules
  FOR EACH STATEMENT EXECUTE FUNCTION civicgrid_announce_change('civicgrid_iot_rules');
CREATE TRIGGER iot_device_rule_inputs_changed
  AFTER UPDATE OF type_code, region_path, estate_id, building_id, snapshot_url OR DELETE OR TRUNCATE ON iot_devices
  FOR EACH STATEMENT EXECUTE FUNCTION civicgrid_announce_change('civicgrid_iot_rules');
