import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../platform/config.js';
import { importGazetteOrgs } from '../domains/orgs/index.js';
import { openConfiguredDatabase } from './command-database.js';

/**
 * `civicgrid import gazette <file>` loads the county gazette's organisations and division of
 * labour. Excel files are imported through the admin client (or its API), where they run as
 * the uploading user, inside that user's region.
 */
export async function importCommand(config: Config, args: string[]) {
  const [kind, file] = args;
  if (kind !== 'gazette' || !file)
    throw new Error('用法: civicgrid import gazette <公报文本文件>（居民、房屋 Excel 请在管理端“导入导出”页面导入）');
  const text = readFileSync(path.resolve(file), 'utf8');
  const database = await openConfiguredDatabase(config, { name: 'import gazette' });
  try {
    const summary = await importGazetteOrgs(database.db, text);
    console.log(
      `已导入：${summary.documents} 份文件中的 ${summary.units} 个单位、${summary.leaders} 位领导、${summary.duties} 条分工、${summary.abPairs} 组AB角`,
    );
  } finally {
    await database.close();
  }
}
