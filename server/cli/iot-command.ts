import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../platform/config.js';
import { exportMosquittoAuth } from '../domains/iot/index.js';
import { openConfiguredDatabase } from './command-database.js';

const USAGE = `用法:
  civicgrid iot export-mosquitto-auth --password-file 文件 --acl-file 文件
        为外部 Mosquitto 写出密码文件和 ACL 文件（每台设备只能发布到自己的主题；
        平台消费账号 MQTT_USERNAME/MQTT_PASSWORD 可订阅全部设备主题），见 docs/OPERATIONS.md`;

/** `civicgrid iot …`: device credentials for an external broker (docs/decisions/033). */
export async function iotCommand(config: Config, args: string[]) {
  const [verb, ...rest] = args;
  if (verb === 'export-mosquitto-auth') return exportCommand(config, rest);
  throw new Error(USAGE);
}

async function exportCommand(config: Config, args: string[]) {
  const { values } = parseArgs({ args, options: { 'password-file': { type: 'string' }, 'acl-file': { type: 'string' } } });
  const passwordFile = values['password-file'];
  const aclFile = values['acl-file'];
  if (!passwordFile || !aclFile) throw new Error(USAGE);
  if (path.resolve(passwordFile) === path.resolve(aclFile)) throw new Error('密码文件和 ACL 文件不能是同一个文件');
  const database = await openConfiguredDatabase(config, {
    name: 'iot export-mosquitto-auth',
    whenBlocked: '或在服务使用 PostgreSQL 时运行',
  });
  const auth = await exportMosquittoAuth(database.db, { username: config.iot.mqttUsername, password: config.iot.mqttPassword }).finally(
    () => database.close(),
  );
  // Owner-only: the password file holds hashes. Written beside and renamed, so a Mosquitto that
  // reloads (SIGHUP) while this runs reads the old file or the new one, never half of one.
  writeAtomically(passwordFile, auth.passwordFile);
  writeAtomically(aclFile, auth.aclFile);
  console.log(`已写出 ${auth.devices} 台设备的账号：${path.resolve(passwordFile)}，${path.resolve(aclFile)}`);
  if (!config.iot.mqttUsername || !config.iot.mqttPassword)
    console.log('注意：未设置 MQTT_USERNAME 和 MQTT_PASSWORD，文件中没有平台消费账号；平台将无法在 allow_anonymous false 的代理上订阅。');
  if (auth.needReissue.length) {
    console.log(`以下 ${auth.needReissue.length} 台设备的凭据签发于支持 Mosquitto 之前，未写入文件；请在设备管理中“重发凭据”后再导出：`);
    for (const serial of auth.needReissue) console.log(`  ${serial}`);
  }
  console.log('请让 Mosquitto 重新读取：kill -HUP <mosquitto 进程号>（或 systemctl reload mosquitto）');
}

function writeAtomically(file: string, content: string) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content, { mode: 0o600 });
  renameSync(temporary, file);
}
