import { describe, expect, it } from 'vitest';
import type { Packet } from 'mqtt';
import { AckQueue } from './ack-queue.js';

const puback = (messageId: number) => ({ cmd: 'puback', messageId }) as Packet;

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const turn = () => new Promise((r) => setImmediate(r));

describe('AckQueue', () => {
  it('sends PUBACKs in the order the PUBLISHes came, though their readings commit out of order', async () => {
    const stream = { cork() {}, uncork() {} };
    const client = { stream, connected: true } as never;
    const sent: number[] = [];
    const send = (packet: Packet) => void sent.push((packet as { messageId: number }).messageId);
    const acks = new AckQueue(client, () => {});
    const done = [1, 2, 3].map((id) => ({ id, ...deferred() }));
    for (const d of done) acks.push(puback(d.id), d.promise, stream, send);

    done[2].resolve();
    done[1].resolve();
    await turn();
    expect(sent).toEqual([]); // 1 has not committed: 2 and 3 wait for it

    done[0].resolve();
    await acks.drained();
    expect(sent).toEqual([1, 2, 3]);
  });

  it('drops the PUBACK of a failed reading, and of one whose connection was replaced, without holding up the rest', async () => {
    const old = { cork() {}, uncork() {} };
    const client = { stream: old, connected: true } as { stream: unknown; connected: boolean };
    const sent: number[] = [];
    const send = (packet: Packet) => void sent.push((packet as { messageId: number }).messageId);
    const logged: string[] = [];
    const acks = new AckQueue(client as never, (line) => logged.push(line));
    const failed = deferred();
    acks.push(puback(1), failed.promise, old, send);
    acks.push(puback(2), Promise.resolve(), old, send);
    failed.reject(new Error('写入已停止'));
    await acks.drained();
    expect(sent).toEqual([2]);
    expect(logged[0]).toMatch(/写入已停止/);

    const fresh = { cork() {}, uncork() {} };
    const beforeReconnect = deferred();
    acks.push(puback(3), beforeReconnect.promise, old, send);
    client.stream = fresh; // the broker sends 3 again on the new connection
    acks.push(puback(4), Promise.resolve(), fresh, send);
    beforeReconnect.resolve();
    await acks.drained();
    expect(sent).toEqual([2, 4]);
  });
});
