/**
 * The MQTT topic scheme (README, "物联感知：主题与报文"): a device publishes under
 * `civicgrid/v1/{serial}/telemetry|event|status` and listens on `civicgrid/v1/{serial}/command`,
 * and nowhere else. Serials are letters, digits, '-', '_' and '.', so a serial never holds a
 * topic level separator or a wildcard.
 */
export const TOPIC_ROOT = 'civicgrid/v1';
export const MESSAGE_KINDS = ['telemetry', 'event', 'status'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/**
 * What CivicGrid consumes on an external broker. `$share/{group}/` makes it a shared
 * subscription: with several server processes subscribed, the broker hands each message to one.
 * Without a group, a plain subscription for the one process that consumes: Mosquitto 2.0 keeps
 * that one over its own restart, and a shared one not (decision 038).
 */
export const consumerSubscription = (group: string) => (group ? `$share/${group}/${TOPIC_ROOT}/+/+` : `${TOPIC_ROOT}/+/+`);

const SERIAL = /^[A-Za-z0-9._-]{1,64}$/;

/** The serial and the kind of message a device topic names, or null for any other topic. */
export function parseDeviceTopic(topic: string): { serial: string; kind: MessageKind } | null {
  const parts = topic.split('/');
  if (parts.length !== 4 || `${parts[0]}/${parts[1]}` !== TOPIC_ROOT) return null;
  const [, , serial, kind] = parts;
  if (!SERIAL.test(serial) || !(MESSAGE_KINDS as readonly string[]).includes(kind)) return null;
  return { serial, kind: kind as MessageKind };
}

export const commandTopic = (serial: string) => `${TOPIC_ROOT}/${serial}/command`;

/** A device may publish its own telemetry, events and status only. */
export const mayPublish = (serial: string, topic: string) => parseDeviceTopic(topic)?.serial === serial;

/** A device may subscribe to its own command topic only (no wildcards, no one else's). */
export const maySubscribe = (serial: string, topic: string) => topic === commandTopic(serial);
