import { createServer } from 'node:net';

/** A TCP port nobody listens on now, for a test's own broker (never 1883: this machine's Mosquitto has it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
