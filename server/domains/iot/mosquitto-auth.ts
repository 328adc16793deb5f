import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { brokerAuthRepository } from './broker-auth.repository.js';
import { mosquittoHash } from './credentials.js';
import { commandTopic, MESSAGE_KINDS, TOPIC_ROOT } from './ingest/topics.js';

/**
 * A Mosquitto password file and ACL file from the device registry (`civicgrid iot
 * export-mosquitto-auth`, docs/decisions/033): every device that may sign in, with the Mosquitto
 * hash stored when its secret was issued, allowed to write its own telemetry, event and status
 * topics and to read its command topic; and CivicGrid's consumer account (MQTT_USERNAME,
 * MQTT_PASSWORD), allowed to read every device's topics. A device issued before migration 0024
 * has no Mosquitto hash: it is left out and named, to be re-issued.
 */
export interface MosquittoAuth {
  passwordFile: string;
  aclFile: string;
  devices: number;
  /** Serials of devices whose credentials must be re-issued before they can sign in to Mosquitto. */
  needReissue: string[];
}

export async function exportMosquittoAuth(db: Kysely<DB>, consumer: { username?: string; password?: string }): Promise<MosquittoAuth> {
  const accounts = await brokerAuthRepository(db).mosquittoAccounts();
  const passwords: string[] = [];
  const acl = [`# CivicGrid ${new Date().toISOString()}：由 civicgrid iot export-mosquitto-auth 生成，请勿手工修改`, ''];
  if (consumer.username && consumer.password) {
    passwords.push(`${consumer.username}:${mosquittoHash(consumer.password)}`);
    // Mosquitto checks a shared subscription against its filter without `$share/{group}/`.
    acl.push('# 平台消费账号（MQTT_USERNAME）', `user ${consumer.username}`, `topic read ${TOPIC_ROOT}/#`, '');
  }
  const needReissue: string[] = [];
  for (const a of accounts) {
    if (!a.mosquitto_hash) {
      needReissue.push(a.serial);
      continue;
    }
    passwords.push(`${a.mqtt_username}:${a.mosquitto_hash}`);
    acl.push(`user ${a.mqtt_username}`);
    for (const kind of MESSAGE_KINDS) acl.push(`topic write ${TOPIC_ROOT}/${a.serial}/${kind}`);
    acl.push(`topic read ${commandTopic(a.serial)}`, '');
  }
  return {
    passwordFile: passwords.map((line) => `${line}\n`).join(''),
    aclFile: `${acl.join('\n')}\n`,
    devices: accounts.length - needReissue.length,
    needReissue,
  };
}
