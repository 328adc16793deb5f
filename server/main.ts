import { parseArgs } from 'node:util';
import { loadConfig } from './platform/config.js';

const USAGE = `用法: civicgrid <命令> [选项]

  start [--workers N]                启动服务（PORT、DATA_DIR、DATABASE_URL 等见 README；
                                     --workers：N 个进程共用端口，须 PostgreSQL，见 docs/OPERATIONS.md）
  migrate                            执行数据库迁移
  import gazette <文件> [--json]      导入县政府公报（文件、任务、提案答复、组织机构和领导分工）
  generate --residents N --seed S    生成确定性的演示县人口
  user create --username U --role R --region-code C [--password P]
                                     创建账号（生产模式的第一个管理员）
  open311 clients                    列出 Open311 客户端应用
  open311 client create --name 名称  登记客户端应用，显示其 api_key（仅此一次）
  open311 client revoke --id 编号    停用客户端应用，其 api_key 随即失效
  geo boundaries <文件> [--crs C] [--encoding E]
                                     导入镇街、社区正式边界（GeoJSON 或 Shapefile），报告未匹配的要素
  geo roads <文件> [--crs C] [--encoding E]
                                     导入道路（线要素，须有名称），整体替换现有道路，报告未导入的要素
  geo areas                          为有位置、无正式边界的镇街和社区推算近似范围
  iot export-mosquitto-auth --password-file F --acl-file F
                                     为外部 Mosquitto 写出设备的密码文件和 ACL 文件
  simulate --devices N --rate R --duration S [--faults 故障[:台数],…] [--transport mqtt|http]
                                     以演示县设备向运行中的服务发送读数（仅限演示模式）

内嵌数据库（未设置 DATABASE_URL 时）同一时间只能由一个进程打开：服务运行时，
以上会打开数据库的命令都会被拒绝（退出码非零，不做任何修改），请先停止服务再执行。
`;

// Each command is imported when it runs, so that one command does not load (or break on) another's code.
async function main(argv: string[]) {
  const [command, ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case 'start':
      return (await import('./cli/start.js')).start(config, rest);
    case 'migrate': {
      const { openConfiguredDatabase } = await import('./cli/command-database.js');
      const database = await openConfiguredDatabase(config, {
        name: 'migrate',
        whenBlocked: '服务启动时已自动执行迁移，运行中的服务无需另行迁移',
      });
      return database.close();
    }
    case 'import':
      return (await import('./cli/import-command.js')).importCommand(config, rest);
    case 'generate': {
      const { values } = parseArgs({ args: rest, options: { residents: { type: 'string' }, seed: { type: 'string' } } });
      return (await import('./cli/generate-command.js')).generateCommand(
        config,
        Number(values.residents ?? 6000),
        Number(values.seed ?? 1),
      );
    }
    case 'user':
      return (await import('./cli/user-command.js')).userCommand(config, rest);
    case 'open311':
      return (await import('./cli/open311-command.js')).open311Command(config, rest);
    case 'geo':
      return (await import('./cli/geo-command.js')).geoCommand(config, rest);
    case 'iot':
      return (await import('./cli/iot-command.js')).iotCommand(config, rest);
    case 'simulate':
      return (await import('./cli/simulate-command.js')).simulateCommand(config, rest);
    default:
      console.log(USAGE);
      if (command && command !== 'help' && command !== '--help') process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((e: Error) => {
  console.error(`错误: ${e.message}`);
  if (process.env.CIVICGRID_DEBUG) console.error(e.stack);
  process.exit(1);
});
