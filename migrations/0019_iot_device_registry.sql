-- 设备管理 (issue 10, docs/decisions/028-device-registry.md): a registration retried with the same
-- Idempotency-Key meets the first one here and issues no second device, as a retried case report
-- does (migrations/0007, 0010). The key is 'user:<id>:<client key>'; the fingerprint refuses the
-- same key with another body.
ALTER TABLE iot_devices ADD COLUMN idempotency_key text UNIQUE;
ALTER TABLE iot_devices ADD COLUMN idempotency_fingerprint text;
