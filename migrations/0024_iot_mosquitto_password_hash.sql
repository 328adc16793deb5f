-- Device credentials for an external Mosquitto (issue 10, docs/decisions/033). Mosquitto's
-- password file holds its own PBKDF2-SHA512 hash ($7$…, mosquitto_passwd), which cannot be made
-- from the SHA-256 CivicGrid keeps. So when a secret is issued or re-issued, its Mosquitto hash is
-- stored beside it, and `civicgrid iot export-mosquitto-auth` writes these. Devices issued before
-- have none (NULL) and are listed by the export as needing a re-issue.
ALTER TABLE iot_devices ADD COLUMN mosquitto_hash text;
