import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../platform/config.js';
import { importGazette } from '../domains/gazette/index.js';
import { openConfiguredDatabase } from './command-database.js';

const USAGE = '用法: civicgrid import gazette <公报文本文件> [--json]（居民、房屋 Excel 请在管理端“导入导出”页面导入）';

/**
 * `civicgrid import gazette <file> [--json]` imports a county gazette: its documents, task
 * tables, proposal replies and 分工 notices, in one transaction, under the data-directory lock
 * (a running embedded server refuses it: upload the file in the admin instead). `--json` prints
 * the import report alone on stdout (common/contracts/gazette.ts); progress notes go to stderr.
 * Excel files are imported through the admin client, as the uploading user, inside their region.
 */
export async function importCommand(config: Config, args: string[]) {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, allowPositionals: true });
  const [kind, file] = positionals;
  if (kind !== 'gazette' || !file) throw new Error(USAGE);
  if (!existsSync(path.resolve(file))) throw new Error(`找不到公报文件：${path.resolve(file)}`);
  const text = readFileSync(path.resolve(file), 'utf8');
  const database = await openConfiguredDatabase(config, { name: 'import gazette' });
  try {
    const report = await importGazette(database.db, text, { source: path.basename(file), actor: null });
    if (values.json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return;
    }
    const tasks = report.documents.reduce((n, d) => n + d.tasks.length, 0);
    console.log(`已导入 ${report.documents.length} 份文件（任务 ${tasks} 项）；${report.warnings.length} 条提示：`);
    for (const w of report.warnings) console.log(`  ${w.line === null ? '' : `第 ${w.line} 行 `}${w.document ?? ''} ${w.message}`);
  } finally {
    await database.close();
  }
}
