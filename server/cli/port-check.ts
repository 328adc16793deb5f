import { createServer } from 'node:net';

/**
 * Refuses a start whose port is taken, before the first start spends a minute generating a
 * demo county only to fail at listen(). Another process can still take the port in between;
 * listen() then fails with the same message (start.ts).
 */
export async function assertPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return; // any free port: nothing to check
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'EADDRINUSE' ? portTaken(port) : e));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

export const portTaken = (port: number) => new Error(`端口 ${port} 已被占用：请停止占用它的程序，或用 PORT=其他端口 npm start`);
