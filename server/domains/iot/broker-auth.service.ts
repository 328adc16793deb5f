import { createHash, timingSafeEqual } from 'node:crypto';
import type { BrokerAuthenticationBody, BrokerAuthorizationBody, BrokerResult } from '../../../common/contracts/iot-broker-auth.js';
import type { IotDeviceStatus } from '../../platform/db/schema.js';
import { TOPIC_ROOT, mayPublish, maySubscribe } from './ingest/topics.js';

/**
 * The decisions behind the EMQX HTTP authenticator and authorizer (docs/decisions/033): a device
 * signs in with its own credentials and may publish only under `civicgrid/v1/{its serial}/…`
 * and subscribe to its command topic; CivicGrid's consumer account (MQTT_USERNAME and
 * MQTT_PASSWORD) may subscribe to the devices' topics, shared or not. Everything else is denied,
 * not ignored: an "ignore" passes the question to EMQX's next source, which may allow it.
 */
export interface BrokerAuthDeps {
  /** The ingest's sign-in: checks the stored hash and counts a refusal (decision 027). */
  signIn(username: string, password: string): Promise<unknown>;
  deviceByUsername(username: string): Promise<{ serial: string; status: IotDeviceStatus } | undefined>;
  consumer: { username?: string; password?: string };
}

/** `a === b` for secrets, in constant time whatever their lengths. */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

const isConsumer = (deps: BrokerAuthDeps, username: string) => !!deps.consumer.username && username === deps.consumer.username;

export async function authenticateBrokerClient(deps: BrokerAuthDeps, body: BrokerAuthenticationBody): Promise<BrokerResult> {
  if (isConsumer(deps, body.username)) {
    return deps.consumer.password !== undefined && sameSecret(body.password, deps.consumer.password) ? 'allow' : 'deny';
  }
  return (await deps.signIn(body.username, body.password)) ? 'allow' : 'deny';
}

/** `$share/{group}/{filter}` is the filter for the question of what may be read. */
const withoutShare = (topic: string) => (topic.startsWith('$share/') ? topic.split('/').slice(2).join('/') : topic);

/** A filter that reads devices' topics only: `civicgrid/v1/` then anything, wildcards included. */
const readsDeviceTopics = (filter: string) => filter === `${TOPIC_ROOT}/#` || filter.startsWith(`${TOPIC_ROOT}/`);

export async function authorizeBrokerClient(deps: BrokerAuthDeps, body: BrokerAuthorizationBody): Promise<BrokerResult> {
  if (isConsumer(deps, body.username)) {
    return body.action === 'subscribe' && readsDeviceTopics(withoutShare(body.topic)) ? 'allow' : 'deny';
  }
  const device = await deps.deviceByUsername(body.username);
  if (!device || device.status === 'disabled') return 'deny';
  const allowed = body.action === 'publish' ? mayPublish(device.serial, body.topic) : maySubscribe(device.serial, body.topic);
  return allowed ? 'allow' : 'deny';
}
