import { parseArgs } from 'node:util';
import { loadConfig } from './platform/config.js';
import { openConfiguredDatabase, start } from './cli/start.js';

const USAGE = `用法: civicgrid <命令> [选项]

  start                              启动服务（PORT、DATA_DIR、DATABASE_URL 等见 README）
  migrate                            执行数据库迁移
  import gazette <文件>               导入县政府公报（组织机构、领导分工）
  generate --residents N --seed S    生成确定性的演示县人口
  user create --username U --role R --region-code C [--password P]
                                     创建账号（生产模式的第一个管理员）
`;

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case 'start':
      return start(config);
    case 'migrate': {
      const database = await openConfiguredDatabase(config);
      return database.close();
    }
    case 'import':
      return (await import('./cli/import-command.js')).importCommand(config, rest);
    case 'generate': {
      const { values } = parseArgs({ args: rest, options: { residents: { type: 'string' }, seed: { type: 'string' } } });
      return (await import('./cli/generate-command.js')).generateCommand(config, Number(values.residents ?? 6000), Number(values.seed ?? 1));
    }
    case 'user':
      return (await import('./cli/user-command.js')).userCommand(config, rest);
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
