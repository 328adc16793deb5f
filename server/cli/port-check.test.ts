import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { assertPortFree } from './port-check.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function listening(): Promise<number> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1' }, resolve));
  return (server.address() as { port: number }).port;
}

describe('assertPortFree', () => {
  it('refuses a port another process listens on, in Chinese, naming the port', async () => {
    const port = await listening();
    await expect(assertPortFree(port, '127.0.0.1')).rejects.toThrow(`端口 ${port} 已被占用`);
  });

  it('lets a free port through and leaves it free', async () => {
    const port = await listening();
    await new Promise((resolve) => servers.pop()!.close(resolve));
    await assertPortFree(port, '127.0.0.1');
    await assertPortFree(port, '127.0.0.1');
  });
});
