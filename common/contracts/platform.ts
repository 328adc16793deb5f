import { z } from 'zod';

/** What the platform itself answers (server/app.ts): the health check that load balancers and e2e/support/server.ts poll. */
export const health = z.object({
  status: z.literal('ok'),
  db: z.enum(['pglite', 'postgres']),
  mode: z.enum(['demo', 'production']),
  version: z.string(),
});
export type Health = z.infer<typeof health>;
