import { createServer, type Server } from 'node:net';
import type { Server as HttpServer } from 'node:http';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import { WebSocketServer, createWebSocketStream } from 'ws';

/**
 * The MQTT broker inside the server (Aedes), for installs without one of their own. It knows
 * nothing of devices: the hooks say who may sign in, publish and subscribe, and what becomes
 * of a message. `receive` resolves when the message is safe; only then does Aedes send the
 * PUBACK, because it writes it after authorizePublish calls back (aedes lib/handlers/publish.js).
 * A connection reads its next packets only when those it is handling are done, so a slow
 * database slows the devices down instead of filling memory.
 */
export interface BrokerHooks<S> {
  authenticate(username: string, password: string): Promise<S | null>;
  mayPublish(session: S, topic: string): boolean;
  maySubscribe(session: S, topic: string): boolean;
  receive(session: S, topic: string, payload: Buffer): Promise<void>;
}

export interface EmbeddedBrokerOptions {
  /** TCP port; 0 for none (MQTT over WebSocket still works). */
  port: number;
  host: string;
  log: (line: string) => void;
}

export interface EmbeddedBroker<S> {
  /** MQTT over WebSocket at `path` on the HTTP server. */
  attachWebSocket(server: HttpServer, path: string): void;
  /** The TCP port it listens on, or null (off, or taken). */
  readonly port: number | null;
  /** Disconnects every signed-in client whose session `drop` picks (e.g. a device just disabled). */
  disconnect(drop: (session: S) => boolean | Promise<boolean>): Promise<number>;
  close(): Promise<void>;
}

const BAD_CREDENTIALS = 4; // CONNACK "bad user name or password" (MQTT 3.1.1)

export async function startEmbeddedBroker<S>(hooks: BrokerHooks<S>, options: EmbeddedBrokerOptions): Promise<EmbeddedBroker<S>> {
  const sessions = new Map<Client, S>();
  const broker = await Aedes.createBroker({
    authenticate: (client, username, password, done) => {
      hooks.authenticate(username ?? '', password?.toString('utf8') ?? '').then(
        (session) => {
          if (session === null)
            return done(Object.assign(new Error('设备认证失败'), { returnCode: BAD_CREDENTIALS }) as AuthenticateError, false);
          sessions.set(client, session);
          done(null, true);
        },
        (error: Error) => done(Object.assign(error, { returnCode: 3 }) as AuthenticateError, false),
      );
    },
    authorizePublish: (client, packet, done) => {
      const session = client ? sessions.get(client) : undefined;
      if (!client) return done(null); // the broker's own messages
      if (session === undefined || !hooks.mayPublish(session, packet.topic)) return done(new Error(`无权向 ${packet.topic} 发布`));
      hooks.receive(session, packet.topic, packet.payload as Buffer).then(
        () => done(null),
        (error: Error) => done(error),
      );
    },
    authorizeSubscribe: (client, subscription, done) => {
      const session = sessions.get(client);
      // A refused filter is answered 0x80 in the SUBACK (null), not by dropping the connection.
      done(null, session !== undefined && hooks.maySubscribe(session, subscription.topic) ? subscription : null);
    },
  });
  broker.on('clientDisconnect', (client) => sessions.delete(client));
  broker.on('clientError', (client) => sessions.delete(client));

  const tcp = options.port > 0 ? await listenTcp(broker, options) : null;
  let ws: WebSocketServer | null = null;

  return {
    port: tcp ? options.port : null,
    attachWebSocket(server, path) {
      ws = new WebSocketServer({ server, path });
      ws.on('connection', (socket, request) => broker.handle(createWebSocketStream(socket), request));
    },
    async disconnect(drop) {
      let n = 0;
      for (const [client, session] of [...sessions]) {
        if (await drop(session)) {
          sessions.delete(client);
          client.close();
          n += 1;
        }
      }
      return n;
    },
    async close() {
      for (const client of sessions.keys()) client.close();
      ws?.clients.forEach((c) => c.terminate());
      await new Promise<void>((resolve) => (ws ? ws.close(() => resolve()) : resolve()));
      await new Promise<void>((resolve) => (tcp ? tcp.close(() => resolve()) : resolve()));
      await new Promise<void>((resolve) => broker.close(() => resolve()));
    },
  };
}

/** Listens on the TCP port; a taken port is said once, clearly, and the server goes on without it. */
function listenTcp(broker: Aedes, { port, host, log }: EmbeddedBrokerOptions): Promise<Server | null> {
  return new Promise((resolve, reject) => {
    const server = createServer(broker.handle);
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE' && error.code !== 'EACCES') return reject(error);
      log(
        `MQTT 端口 ${port} 已被占用（可能是本机另一个 MQTT 服务），内置 MQTT 服务未在该端口监听；` +
          `设备仍可经 HTTP（POST /api/iot/telemetry）和 WebSocket（/mqtt）接入。可用 MQTT_PORT 换一个端口，MQTT_PORT=0 关闭，或用 MQTT_URL 接入外部 MQTT 服务。`,
      );
      resolve(null);
    });
    server.listen(port, host, () => resolve(server));
  });
}
