import { describe, expect, it } from 'vitest';
import { fakeViewer } from '../../test/fakes.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { manualClock } from '../../platform/clock.js';
import type { AuditEntry } from '../../platform/audit.js';
import type { AccountRow, UserFilter } from './users.repository.js';
import { listAccounts, unlockAccount, type UsersDeps } from './users.service.js';

/** 账号管理 with fake repositories: what the list shows of an account's sign-ins, and what an unlock forgets. */
const NOW = '2026-03-02T08:00:00+08:00';
const row = (over: Partial<AccountRow> = {}): AccountRow => ({
  id: 9,
  username: 'victim.grid',
  display_name: '网格员',
  role: 'grid_worker',
  active: true,
  must_change_password: false,
  password_changed_at: null,
  region_id: 3,
  region_name: '锦源社区',
  failures: null,
  last_failed_at: null,
  org_unit_id: null,
  org_unit_name: null,
  property_company_id: null,
  property_company_name: null,
  ...over,
});
const admin: Viewer = fakeViewer('county_admin', {
  userId: 1,
  username: 'county.admin',
  displayName: '县级管理员',
  regionId: 1,
  regionPath: '/1/',
  regionName: '平阴县',
  regionCode: '370124',
  regionLevel: 'county',
});

function fake(rows: AccountRow[]) {
  const asked: { filter: UserFilter; page?: { offset: number; limit: number } }[] = [];
  const audited: AuditEntry[] = [];
  const cleared: string[] = [];
  const deps: UsersDeps = {
    accounts: {
      list: async (filter, page) => {
        asked.push({ filter, page });
        return { rows, total: rows.length };
      },
      byId: async (filter, id) => {
        asked.push({ filter });
        return rows.find((r) => r.id === id);
      },
    },
    failures: {
      clearUsername: async (name) => {
        cleared.push(`failures:${name}`);
        rows.forEach((r) => Object.assign(r, { failures: null, last_failed_at: null }));
        return 7;
      },
    },
    limits: {
      clearPrefix: async (prefix) => {
        cleared.push(prefix);
        return 2;
      },
    },
    audit: async (_actor, entry) => {
      audited.push(entry);
    },
    clock: manualClock(NOW),
  };
  return { deps, asked, audited, cleared };
}

describe('account services', () => {
  it('shows failures with their wait and challenge, and asks only for failures still remembered', async () => {
    const f = fake([row({ failures: 7, last_failed_at: new Date(NOW) })]);
    const page = await listAccounts(f.deps, { page: 2, pageSize: 50, q: '', attention: true });
    expect(page.items[0]).toMatchObject({
      failures: 7,
      challengeRequired: true,
      retryAfterSeconds: 16,
      lastFailedAt: new Date(NOW).toISOString(),
    });
    expect(f.asked).toEqual([
      {
        filter: { q: undefined, attention: true, failuresSince: new Date(new Date(NOW).getTime() - 24 * 3600_000) },
        page: { offset: 50, limit: 50 },
      },
    ]);
  });

  it('forgets a day-old failure count', async () => {
    const f = fake([row({ failures: 7, last_failed_at: new Date(new Date(NOW).getTime() - 24 * 3600_000) })]);
    expect((await listAccounts(f.deps, { page: 1, pageSize: 20, attention: false })).items[0]).toMatchObject({
      failures: 0,
      lastFailedAt: null,
      challengeRequired: false,
      retryAfterSeconds: 0,
    });
  });

  it('unlocks by the normalised name: failures and per-address counts forgotten, audited, shown afresh', async () => {
    const f = fake([row({ username: 'Victim.Grid', failures: 7, last_failed_at: new Date(NOW) })]);
    const shown = await unlockAccount(f.deps, admin, 9);
    expect(f.cleared).toEqual(['failures:victim.grid', 'login.pair:victim.grid|']);
    expect(f.audited).toEqual([
      { action: 'login_unlocked', entity: 'user', entityId: 9, detail: { username: 'Victim.Grid', failures: 7, addresses: 2 } },
    ]);
    expect(shown).toMatchObject({ id: 9, failures: 0, challengeRequired: false });
  });

  it('answers 404 for an account outside the scope, forgetting nothing', async () => {
    const f = fake([]);
    await expect(unlockAccount(f.deps, admin, 9)).rejects.toMatchObject({ status: 404 });
    expect(f.cleared).toEqual([]);
    expect(f.audited).toEqual([]);
  });
});
