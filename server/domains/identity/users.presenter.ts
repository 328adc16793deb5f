import type { Role } from '../../../common/enums.js';
import type { UserAccount } from '../../../common/contracts/identity.js';
import { failureSummary } from './login-throttle.js';
import type { AccountRow } from './users.repository.js';

/** An account as the administrators' list shows it, with its sign-in state at `now` (common/contracts/identity.ts). */
export function presentAccount(row: AccountRow, now: Date): UserAccount {
  const state =
    row.failures !== null && row.last_failed_at !== null ? { failures: row.failures, lastFailedAt: row.last_failed_at } : undefined;
  const summary = failureSummary(state, now);
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    region: { id: row.region_id, name: row.region_name },
    active: row.active,
    failures: summary.failures,
    lastFailedAt: summary.lastFailedAt?.toISOString() ?? null,
    challengeRequired: summary.challengeRequired,
    retryAfterSeconds: summary.retryAfterSeconds,
    mustChangePassword: row.must_change_password,
    passwordChangedAt: row.password_changed_at?.toISOString() ?? null,
    orgUnit: row.org_unit_id !== null && row.org_unit_name !== null ? { id: row.org_unit_id, name: row.org_unit_name } : null,
    propertyCompany:
      row.property_company_id !== null && row.property_company_name !== null
        ? { id: row.property_company_id, name: row.property_company_name }
        : null,
  };
}
