import type { MqttClient, Packet } from 'mqtt';

export type SendPacket = (packet: Packet, cb?: (error?: Error) => void, ...rest: unknown[]) => void;

interface PendingAck {
  packet: Packet;
  /** On a connection since replaced, the broker sends the message again (and it is stored once): no PUBACK. */
  stream: unknown;
  send: SendPacket;
  settled: boolean;
  ok: boolean;
}

/**
 * PUBACKs in the order their PUBLISHes arrived, as MQTT requires of a receiver (3.1.1 §4.6, 5.0
 * §4.6), and written together. Readings commit in batches by device lane, so they finish out of
 * order; acknowledged as each finished, every PUBACK made Mosquitto 2.0 search its in-flight
 * list from the oldest message (database.c, db__message_delete_outgoing), past all of the other
 * lane's, and with tens of thousands in flight the broker spent more CPU per reading than the
 * server (decision 040). In order, the message acknowledged is always the oldest. Each turn's
 * releasable PUBACKs go out in one corked write instead of a system call each.
 */
export class AckQueue {
  private queue: PendingAck[] = [];
  private head = 0;
  private releasing = false;
  private idle: (() => void)[] = [];

  constructor(
    private readonly client: Pick<MqttClient, 'stream' | 'connected'>,
    private readonly log: (line: string) => void,
  ) {}

  push(packet: Packet, done: Promise<unknown>, stream: unknown, send: SendPacket) {
    const pending: PendingAck = { packet, stream, send, settled: false, ok: false };
    this.queue.push(pending);
    done.then(
      () => this.settle(pending, true),
      (error: Error) => {
        this.log(`MQTT 消息处理失败，未确认（代理将重发）：${error.message}`);
        this.settle(pending, false);
      },
    );
  }

  /** Resolves when every PUBACK taken has been written or dropped. */
  drained(): Promise<void> {
    if (this.head === this.queue.length) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private settle(pending: PendingAck, ok: boolean) {
    pending.settled = true;
    pending.ok = ok;
    // A batch's commit settles its readings over several microtask hops: release once, after them all.
    if (!this.releasing) {
      this.releasing = true;
      setImmediate(() => this.release());
    }
  }

  private release() {
    this.releasing = false;
    const stream = this.client.stream as { cork?(): void; uncork?(): void } | undefined;
    stream?.cork?.();
    while (this.head < this.queue.length && this.queue[this.head].settled) {
      const { packet, ok, send, stream: of } = this.queue[this.head++];
      if (ok && of === this.client.stream && this.client.connected) send(packet);
    }
    stream?.uncork?.();
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    if (this.head === this.queue.length) this.idle.splice(0).forEach((resolve) => resolve());
  }
}
