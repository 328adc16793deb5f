-- 设备管理 (issue 10, docs/decisions/028-device-registry.md): a registration retried with the same
-- Idempotency-Key meets the first one here and issues no second device, as a retried case report
-- does (migrations/0007, 0010). The key is 'user:<id>:<client key>'; the fingerprint refuses the
-- same key with another body.
ALTER TABLE iot_devices ADD COLUMN idempotency_key text UNIQUE;
ALTER TABLE iot_devices ADD COLUMN idempotency_fingerprint text;

-- Devices come from Excel too (docs/decisions/028). An imported device is stored with the hash of
-- a secret nobody was told (credentials_pending): its credentials are issued when the import's
-- one-time download asks for them, so no secret is ever kept at rest, not even for a while.
ALTER TABLE import_jobs DROP CONSTRAINT import_jobs_kind_check;
ALTER TABLE import_jobs ADD CONSTRAINT import_jobs_kind_check CHECK (kind IN ('residents','houses','vehicles','estates','devices'));
ALTER TABLE iot_devices ADD COLUMN import_job_id bigint REFERENCES import_jobs(id);
ALTER TABLE iot_devices ADD COLUMN credentials_pending boolean NOT NULL DEFAULT false;
CREATE INDEX iot_devices_import_job_idx ON iot_devices (import_job_id) WHERE credentials_pending;
