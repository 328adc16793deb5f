import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Clock } from '../../platform/clock.js';
import { writeAudit, type AuditActor, type AuditEntry } from '../../platform/audit.js';
import { rateLimits, type RateLimits } from '../../platform/rate-limit.js';
import { identityRepository, type IdentityRepository } from './identity.repository.js';
import { loginFailuresRepository, type LoginFailuresRepository } from './login-failures.repository.js';

/**
 * What the identity services need (docs/decisions/012), as one object: the routes build it from
 * the app's database, unit tests from fakes. None of it is region-scoped: accounts, sessions,
 * sign-in failures and counters are read before there is a viewer (the account list's scoped
 * repository is added per request, users.routes.ts).
 */
export interface IdentityDeps {
  identity: IdentityRepository;
  failures: LoginFailuresRepository;
  /** Counters of sign-in tries, challenges spent and password-change tries (server/platform/rate-limit.ts). */
  limits: Pick<RateLimits, 'hit' | 'peek' | 'clear' | 'clearPrefix'>;
  audit(actor: AuditActor, entry: AuditEntry): Promise<unknown>;
  clock: Clock;
  /** The installation's key for signed challenges and device cookies (identity.repository.ts signingKey). */
  signingKey(): Promise<Buffer>;
  sessionTtlMs: number;
}

export function identityDeps(db: Kysely<DB>, settings: { clock: Clock; sessionTtlMs: number }): IdentityDeps {
  const identity = identityRepository(db);
  return {
    identity,
    failures: loginFailuresRepository(db),
    limits: rateLimits(db),
    audit: (actor, entry) => writeAudit(db, actor, entry),
    clock: settings.clock,
    signingKey: readOnce(identity.signingKey),
    sessionTtlMs: settings.sessionTtlMs,
  };
}

/** The key never changes once made: read it once, and again only if the read failed. */
function readOnce(read: () => Promise<Buffer>): () => Promise<Buffer> {
  let key: Promise<Buffer> | undefined;
  return () => {
    if (!key) {
      key = read();
      key.catch(() => {
        key = undefined;
      });
    }
    return key;
  };
}
