import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import type { Config } from '../platform/config.js';
import { readRegionFile, seedRegions } from '../domains/regions/index.js';
import { importGazette } from '../domains/gazette/index.js';
import { createDemoAccounts } from '../domains/identity/index.js';
import { syncCaseCatalogue } from '../domains/cases/index.js';
import { syncDeviceTypes } from '../domains/iot/index.js';
import { generateDevices } from '../seed/devices.js';
import { generateCounty } from '../seed/generate-county.js';
import { generateCases } from '../seed/cases.js';
import { installRepository } from '../seed/install.repository.js';
import { GAZETTE_FILE, REGION_FILE } from './paths.js';
import type { ProgressOutput } from './progress-bar.js';

export type InstallState = 'empty' | 'ready' | 'partial';

/** Whether this database holds a finished install, nothing, or the remains of an interrupted one. */
export async function installState(db: Kysely<DB>): Promise<InstallState> {
  const install = installRepository(db);
  if (await install.isMarked()) return 'ready';
  return (await install.hasRegions()) ? 'partial' : 'empty';
}

/** The base every install gets: the region tree and the county's gazette (organisations, documents, tasks, proposals). */
export async function loadBaseData(db: Kysely<DB>, log: (line: string) => void) {
  const regions = await seedRegions(db, readRegionFile(REGION_FILE));
  log(`区域：${regions} 个（县、镇街、社区）`);
  const gazette = await importGazette(db, readFileSync(GAZETTE_FILE, 'utf8'), { source: 'pingyin-2023-gazette.txt', actor: null });
  const { orgUnits, leaders, leaderDuties } = gazette.imported;
  log(
    `县政府公报：${gazette.documents.length} 份文件，${orgUnits} 个单位，${leaders} 位领导，${leaderDuties} 条分工（${gazette.warnings.length} 条提示待人工确认）`,
  );
  log(`事件分类：${await syncCaseCatalogue(db)} 个`);
  log(`物联设备类型：${await syncDeviceTypes(db)} 种`);
}

/** A fresh demo county: base data, a generated population and the demo accounts. */
export async function loadDemoCounty(
  db: Kysely<DB>,
  options: { residents: number; seed: number; password: string; cases?: Pick<Config['cases'], 'escalateHours' | 'questionnaireDays'> },
  out: ProgressOutput,
) {
  const log = out.line;
  await loadBaseData(db, log);
  const summary = await generateCounty(db, {
    residents: options.residents,
    seed: options.seed,
    onProgress: log,
    onResidents: (written, planned) => out.count('生成居民', written, planned),
  });
  log(`演示人口：${summary.residents} 位居民，${summary.houses} 套房屋，${summary.vehicles} 辆车`);
  const accounts = await createDemoAccounts(db, options.password);
  // After the accounts, so that resident.demo finds some cases of their own in the H5.
  const cases = await generateCases(db, { cases: Math.max(200, Math.round(options.residents / 5)), seed: options.seed, ...options.cases });
  log(`演示事件：${cases.cases} 件（未办结 ${cases.open} 件，其中超时 ${cases.overdue} 件）`);
  const devices = await generateDevices(db, { seed: options.seed, demoPassword: options.password });
  log(`演示物联设备：${devices.devices} 台（凭据由演示密码派生，仅限演示）`);
  await markLoaded(db, 'demo');
  return accounts;
}

export const markLoaded = (db: Kysely<DB>, value: 'demo' | 'production') => installRepository(db).mark(value);
