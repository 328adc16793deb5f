import { auditReadRepository } from '../../../server/domains/identity/audit.repository.js';
import { demoAccountsRepository } from '../../../server/domains/identity/demo-accounts.repository.js';
import { identityRepository } from '../../../server/domains/identity/identity.repository.js';
import { loginFailuresRepository } from '../../../server/domains/identity/login-failures.repository.js';
import { usersRepository } from '../../../server/domains/identity/users.repository.js';
import { gridWorkerAccountsOf } from '../../../server/domains/identity/grid-worker-accounts.repository.js';
import { fn, PAGE_AND_COUNT, repository, RETURNS_ID, type FileManifest } from '../manifest.js';

const NOW = new Date('2026-03-02T01:30:00.000Z');
const FAILURES_SINCE = new Date('2026-03-01T01:30:00.000Z');
const SESSION_TOKEN = 'snapshot-session-token';
const BUCKET = { username: 'community.staff', deviceId: '' };

export const identity: FileManifest[] = [
  {
    file: 'server/domains/identity/audit.repository.ts',
    repositories: [
      repository('auditReadRepository', (ctx) => auditReadRepository(ctx.scoped), {
        list: {
          args: [
            { action: 'read_special_groups', user: '张', record: '锦源', since: FAILURES_SINCE, before: NOW },
            { offset: 0, limit: 50 },
          ],
          results: PAGE_AND_COUNT,
        },
        accounts: [[42, 43]],
        residents: [[1001]],
        vehicles: [[7]],
        open311Clients: [[2]],
        caseNumbers: [[5]],
        officeRecords: [
          {
            document: [1],
            proposal: [2],
            disclosure_application: [3],
            disclosure_decision: [4],
            task_list: [5],
            task: [6],
            gazette_issue: [7],
          },
        ],
      }),
    ],
  },
  {
    file: 'server/domains/identity/demo-accounts.repository.ts',
    repositories: [
      repository('demoAccountsRepository', (ctx) => demoAccountsRepository(ctx.db), {
        region: ['城关社区', 'community'],
        firstGridOf: ['城关社区'],
        unitNamed: ['县城市管理局'],
        firstPropertyCompanyIn: ['/1/4/17/'],
        firstHouseholderIn: ['/1/4/17/'],
        firstWorkerOfGrid: [230],
        linkWorker: [8, 42],
      }),
    ],
  },
  {
    file: 'server/domains/identity/identity.repository.ts',
    repositories: [
      repository('identityRepository', (ctx) => identityRepository(ctx.db), {
        userByUsername: ['community.staff'],
        userById: [42],
        userWithRegion: [42],
        sessionUser: [SESSION_TOKEN],
        createSession: [42, SESSION_TOKEN, 8 * 3600_000],
        deleteSession: [SESSION_TOKEN],
        setPassword: [42, '$argon2id$v=19$snapshot', SESSION_TOKEN, NOW],
        // The key is made at random; the stored one is then read with executeTakeFirstOrThrow.
        signingKey: { args: [], results: [[], [{ value: 'c25hcHNob3Q=' }]], random: [2] },
        upsertUser: {
          args: [
            {
              username: 'community.staff',
              password_hash: '$argon2id$v=19$snapshot',
              display_name: '社区工作人员',
              role: 'community_staff',
              region_id: 17,
            },
          ],
          results: RETURNS_ID,
        },
        regionByCode: ['371425001001'],
      }),
    ],
  },
  {
    file: 'server/domains/identity/login-failures.repository.ts',
    repositories: [
      repository('loginFailuresRepository', (ctx) => loginFailuresRepository(ctx.db), {
        find: [BUCKET],
        // A bucket already seen: the compare-and-set update (an unseen one is an insert that does nothing on conflict).
        claimTry: [BUCKET, { failures: 2, lastFailedAt: FAILURES_SINCE }, 3, NOW],
        clearBucket: [BUCKET],
        clearUsername: [BUCKET.username],
        sweepForgotten: [FAILURES_SINCE],
      }),
    ],
  },
  {
    file: 'server/domains/identity/grid-worker-accounts.repository.ts',
    functions: { gridWorkerAccountsOf: fn(gridWorkerAccountsOf, (ctx) => [ctx.scoped, 230]) },
  },
  {
    file: 'server/domains/identity/users.repository.ts',
    repositories: [
      repository('usersRepository', (ctx) => usersRepository(ctx.scoped), {
        list: {
          args: [
            { q: 'staff', attention: true, failuresSince: FAILURES_SINCE },
            { offset: 0, limit: 20 },
          ],
          results: PAGE_AND_COUNT,
        },
        byId: [{ failuresSince: FAILURES_SINCE }, 42],
        region: [230],
        usernameTaken: ['Grid.Worker.7'],
        insert: {
          args: [
            {
              username: 'grid.worker.7',
              password_hash: '$argon2id$snapshot',
              display_name: '王网格',
              role: 'grid_worker',
              region_id: 230,
              org_unit_id: null,
              property_company_id: null,
              must_change_password: true,
            },
          ],
          results: RETURNS_ID,
        },
        update: [42, { role: 'community_staff', region_id: 17, active: false }],
        endSessions: [42],
      }),
    ],
  },
];
