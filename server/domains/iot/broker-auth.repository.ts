import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

/**
 * What an external broker needs to know of devices (docs/decisions/033): a device's serial by its
 * user name, for EMQX's authorizer, and every device's Mosquitto account, for the exported
 * password and ACL files. County-wide: the broker serves the whole county, as ingest does.
 */
export function brokerAuthRepository(db: Kysely<DB>) {
  return {
    deviceByUsername: (username: string) =>
      db.selectFrom('iot_devices').select(['serial', 'status']).where('mqtt_username', '=', username).executeTakeFirst(),

    /**
     * Every device that may sign in: not disabled, and not an import's device whose secret was
     * never told (credentials_pending). A null hash is a secret issued before migrations/0024.
     */
    mosquittoAccounts: () =>
      db
        .selectFrom('iot_devices')
        .select(['serial', 'mqtt_username', 'mosquitto_hash'])
        .where('status', '!=', 'disabled')
        .where('credentials_pending', '=', false)
        .orderBy('serial')
        .execute(),
  };
}

export type BrokerAuthRepository = ReturnType<typeof brokerAuthRepository>;
