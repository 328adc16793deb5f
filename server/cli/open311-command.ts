import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { Config } from '../platform/config.js';
import type { DB } from '../platform/db/schema.js';
import {
  createOpen311Client,
  DEMO_CLIENT_NAME,
  listOpen311Clients,
  revokeOpen311Client,
  type Open311ClientView,
} from '../domains/open311/index.js';
import { openConfiguredDatabase, type LockingCommand } from './command-database.js';

const USAGE = `用法:
  civicgrid open311 clients                        列出 Open311 客户端应用
  civicgrid open311 client create --name 名称      登记新的客户端应用，并显示其 api_key（仅此一次）
  civicgrid open311 client revoke --id 编号        停用客户端应用，其 api_key 随即失效`;

/**
 * `civicgrid open311 …`: one key per client application, issued and revoked one by one
 * (security review, issue 7, finding 11). The rules live in open311/clients.ts, for the admin
 * routes to share.
 */
export async function open311Command(config: Config, args: string[]) {
  const [noun, verb, ...rest] = args;
  if (noun === 'clients' && verb === undefined) return listClients(config);
  if (noun === 'client' && verb === 'create') return createClient(config, rest);
  if (noun === 'client' && verb === 'revoke') return revokeClient(config, rest);
  throw new Error(USAGE);
}

async function listClients(config: Config) {
  const clients = await withDatabase(config, { name: 'open311 clients' }, listOpen311Clients);
  if (!clients.length) return console.log('尚未登记任何 Open311 客户端应用；用 civicgrid open311 client create --name 名称 登记');
  console.log(['编号', '状态', '创建时间', '名称'].join('\t'));
  for (const c of clients) console.log(describe(c));
}

async function createClient(config: Config, args: string[]) {
  const { values } = parseArgs({ args, options: { name: { type: 'string' } } });
  if (!values.name) throw new Error('用法: civicgrid open311 client create --name 名称');
  const client = await withDatabase(config, { name: 'open311 client create' }, (db) => createOpen311Client(db, values.name!));
  console.log(`已登记 Open311 客户端 ${client.id}「${client.name}」。`);
  console.log(`api_key: ${client.apiKey}`);
  console.log('请立即交给该应用的负责人妥善保存：api_key 只显示这一次，数据库中只保存它的 SHA-256 摘要。');
}

async function revokeClient(config: Config, args: string[]) {
  const { values } = parseArgs({ args, options: { id: { type: 'string' } } });
  if (!values.id || !/^\d+$/.test(values.id))
    throw new Error('用法: civicgrid open311 client revoke --id 编号（编号见 civicgrid open311 clients）');
  const { client, alreadyRevoked } = await withDatabase(config, { name: 'open311 client revoke' }, (db) =>
    revokeOpen311Client(db, { id: Number(values.id) }),
  );
  console.log(
    alreadyRevoked
      ? `Open311 客户端 ${client.id}「${client.name}」原已停用。`
      : `已停用 Open311 客户端 ${client.id}「${client.name}」，其 api_key 不再能提交诉求。`,
  );
  if (client.name === DEMO_CLIENT_NAME && config.mode === 'demo') {
    console.log('注意：这是演示客户端，演示模式下每次启动都会按 DEMO_OPEN311_KEY 重新启用它。');
  }
}

async function withDatabase<T>(config: Config, command: LockingCommand, work: (db: Kysely<DB>) => Promise<T>) {
  const database = await openConfiguredDatabase(config, command);
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

function describe(c: Open311ClientView) {
  const created = c.createdAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  return [c.id, c.active ? '启用' : '已停用', created, c.name].join('\t');
}
