-- What each process's ingest keeps in memory (decision 029), emptied as decision 023's caches
-- are: the device types its readings are judged against, and the devices it has heard from.
-- Only the columns that decide whether and how a device may send: the ingest's own writes
-- (last_seen_at, online, battery) announce nothing, so a busy county does not reload per batch.
CREATE TRIGGER iot_types_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON iot_device_types
  FOR EACH STATEMENT EXECUTE FUNCTION civicgrid_announce_change('civicgrid_iot_types');
CREATE TRIGGER iot_devices_changed AFTER UPDATE OF serial, type_code, status, mqtt_username, secret_sha256 OR DELETE OR TRUNCATE ON iot_devices
  FOR EACH STATEMENT EXECUTE FUNCTION civicgrid_announce_change('civicgrid_iot_devices');
