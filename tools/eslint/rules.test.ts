import { describe, it } from 'vitest';
import path from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import queriesInRepositories from './queries-in-repositories.js';
import scopeInOnePlace from './scope-in-one-place.js';
import domainBoundaries from './domain-boundaries.js';

/** The boundary rules of docs/decisions/011 refuse what they are for, and let the right pattern be. */
RuleTester.describe = describe;
RuleTester.it = it;
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' } });
const ROOT = path.resolve(import.meta.dirname, '../..');
const at = (file: string) => path.join(ROOT, file);

tester.run('queries-in-repositories', queriesInRepositories, {
  valid: [
    { code: 'const rows = await repo.casesOfReporter(db, id);' },
    { code: 'await db.transaction().execute(async (trx) => repo.lockCase(trx, id));' },
  ],
  invalid: [
    { code: "await db.selectFrom('cases').selectAll().execute();", errors: [{ messageId: 'query' }] },
    { code: "await trx.insertInto('case_events').values(row).execute();", errors: [{ messageId: 'query' }] },
    { code: 'await sql`SELECT 1`.execute(db);', errors: [{ messageId: 'sql' }] },
  ],
});

tester.run('scope-in-one-place', scopeInOnePlace, {
  valid: [
    { code: "q.where('region_path', 'like', under(viewer.regionPath));" },
    { code: 'const s = `${a}-${b}`;' },
    { code: "q.where('plate', 'like', `%${escapeLike(text)}%`);" },
  ],
  invalid: [{ code: "q.where('region_path', 'like', `${viewer.regionPath}%`);", errors: [{ messageId: 'pattern' }] }],
});

tester.run('domain-boundaries', domainBoundaries, {
  valid: [
    { filename: at('server/domains/open311/open311.service.ts'), code: "import { reportCase } from '../cases/index.js';" },
    { filename: at('server/domains/cases/read.ts'), code: "import * as repo from './cases.repository.js';" },
    { filename: at('server/domains/cases/read.ts'), code: "import { under } from '../../platform/scope.js';" },
  ],
  invalid: [
    {
      filename: at('server/domains/open311/open311.service.ts'),
      code: "import { reportCase } from '../cases/case-report.js';",
      errors: [{ messageId: 'deep' }],
    },
    {
      filename: at('server/domains/vehicles/vehicles.routes.ts'),
      code: "export { escapeLike } from '../regions/places.repository.js';",
      errors: [{ messageId: 'deep' }],
    },
    {
      filename: at('server/platform/audit.ts'),
      code: "import { x } from '../domains/identity/index.js';",
      errors: [{ messageId: 'layer' }],
    },
    { filename: at('common/mask.ts'), code: "import { x } from '../server/platform/scope.js';", errors: [{ messageId: 'layer' }] },
    { filename: at('web/lib/api.ts'), code: "import { x } from '../../server/platform/errors.js';", errors: [{ messageId: 'layer' }] },
  ],
});
