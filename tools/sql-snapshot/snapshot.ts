/**
 * The SQL snapshot (queries/README.md): every repository method, called with the arguments of its
 * manifest against a database that only records, written out as SQL so that a change to a query
 * shows in review as a change to queries/<domain>.sql.
 *
 *   npm run sql:snapshot    writes queries/*.sql
 *   npm run sql:check       fails when queries/ differs from what the repositories build now
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kysely, type Compilable } from 'kysely';
import { ScopedDb, scopedDb } from '../../server/platform/db/scoped-db.js';
import { permissionsOf } from '../../server/platform/auth/permissions.js';
import type { Viewer } from '../../server/platform/auth/viewer.js';
import type { DB } from '../../server/platform/db/schema.js';
import { DOMAINS } from './manifests/index.js';
import { callOf, type FileManifest, type SnapshotContext } from './manifest.js';
import { recordingDb, type CannedResults, type RecordedStatement } from './recording-driver.js';
import { describeValue, formatSql } from './format.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const QUERIES_DIR = path.join(ROOT, 'queries');

/** 社区 staff of one community: the scope every ScopedDb repository is snapshotted in. */
export const SNAPSHOT_VIEWER: Viewer = {
  userId: 42,
  username: 'community.staff',
  displayName: '社区工作人员',
  role: 'community_staff',
  regionId: 17,
  regionPath: '/1/4/17/',
  regionName: '城关社区',
  regionCode: '371425001001',
  regionLevel: 'community',
  propertyCompanyId: null,
  residentId: null,
  orgUnitId: null,
  permissions: permissionsOf('community_staff'),
  mustChangePassword: false,
};

/** "Now" while the snapshot runs: methods that stamp the time (updated_at, heartbeats) stamp this one. */
const SNAPSHOT_NOW = Date.parse('2026-03-02T01:30:00.000Z');

/** Runs `work` with Date frozen at SNAPSHOT_NOW, so the parameters a method takes from the clock do not change between runs. */
async function atSnapshotTime<T>(work: () => Promise<T>): Promise<T> {
  const RealDate = Date;
  class FrozenDate extends RealDate {
    constructor(...args: [] | [string | number | Date]) {
      if (args.length === 0) super(SNAPSHOT_NOW);
      else super(args[0]);
    }
    static override now() {
      return SNAPSHOT_NOW;
    }
  }
  globalThis.Date = FrozenDate as DateConstructor;
  try {
    return await work();
  } finally {
    globalThis.Date = RealDate;
  }
}

/** The handles a manifest builds its repositories from. A community staff member's scope is their region's path, built without a statement. */
export async function snapshotContext(db: Kysely<DB>): Promise<SnapshotContext> {
  return { db, scoped: await scopedDb(db, SNAPSHOT_VIEWER) };
}

interface Recorded {
  header: string;
  statements: (RecordedStatement & { note?: string })[];
  results: CannedResults;
  random: readonly number[];
}

/** The query builders a function returned for its caller to run (a list's page and count), by where they are in the result. */
function builtQueries(result: unknown, at = 'result'): { at: string; query: Compilable }[] {
  if (result instanceof Kysely || result instanceof ScopedDb || result === null || typeof result !== 'object') return [];
  if ('compile' in result && 'toOperationNode' in result) return [{ at, query: result as Compilable }];
  if (Array.isArray(result)) return result.flatMap((item, i) => builtQueries(item, `${at}[${i}]`));
  return Object.entries(result).flatMap(([key, value]) => builtQueries(value, `${at}.${key}`));
}

/** An argument as the header shows it: the database handles by name, values as JSON. */
function describeArgument(value: unknown): string {
  if (value instanceof ScopedDb) return 'scoped';
  if (value instanceof Kysely) return 'db';
  if (value !== null && typeof value === 'object' && 'compile' in value) return '<query>';
  return describeValue(value);
}

async function record(
  label: string,
  results: CannedResults,
  random: readonly number[],
  argsOf: (ctx: SnapshotContext) => readonly unknown[],
  run: (ctx: SnapshotContext, args: readonly unknown[]) => unknown,
): Promise<Recorded> {
  const { db, statements } = recordingDb(results);
  const ctx = await snapshotContext(db);
  const args = argsOf(ctx);
  const header = `${label}(${args.map(describeArgument).join(', ')})`;
  let returned: unknown;
  try {
    returned = await run(ctx, args);
  } catch (error) {
    throw new Error(
      `${header} failed: ${(error as Error).message}\n` +
        'A method that reads a row to go on needs canned rows: give its call `results` in its manifest (tools/sql-snapshot/manifests/).',
    );
  }
  const built = builtQueries(returned).map(({ at, query }) => ({ ...query.compile(), note: `built, returned as ${at}` }));
  return { header, statements: [...statements, ...built], results, random };
}

function render(recorded: Recorded): string {
  const lines = [`-- ${recorded.header}`];
  if (!recorded.statements.length) lines.push('-- (no statement)');
  recorded.statements.forEach((statement, i) => {
    if (i > 0) lines.push('');
    if (statement.note) lines.push(`-- ${statement.note}`);
    lines.push(`${formatSql(statement.sql)};`);
    statement.parameters.forEach((value, p) => {
      const shown = recorded.random.includes(p + 1) ? '<random>' : describeValue(value);
      lines.push(`-- $${p + 1} = ${shown}`);
    });
    const canned = recorded.results[i];
    if (canned?.length) lines.push(`-- answered, so the method goes on: ${describeValue(canned)}`);
  });
  return lines.join('\n');
}

async function renderFile(manifest: FileManifest): Promise<string[]> {
  const stem = path.basename(manifest.file, '.repository.ts');
  const sections: string[] = [];
  for (const repo of manifest.repositories ?? []) {
    // In the order the factory declares its methods, as a reader of the repository meets them.
    for (const method of Object.keys(repo.build(await snapshotContext(recordingDb().db)))) {
      if (!(method in repo.calls)) throw new Error(`${repo.name}.${method} has no call in tools/sql-snapshot/manifests/: add one.`);
      const { args, results = [], random = [] } = callOf(repo.calls[method]);
      const recorded = await record(
        `${repo.name}.${method}`,
        results,
        random,
        () => args,
        (ctx) => repo.build(ctx)[method](...args),
      );
      sections.push(render(recorded));
    }
  }
  for (const [name, entry] of Object.entries(manifest.functions ?? {})) {
    const recorded = await record(`${stem}.${name}`, entry.results ?? [], [], entry.args, (_ctx, args) => entry.run(...args));
    sections.push(render(recorded));
  }
  return sections;
}

/** The text of queries/<domain>.sql for every domain, by file name. */
export async function renderSnapshot(): Promise<Map<string, string>> {
  return atSnapshotTime(async () => {
    const files = new Map<string, string>();
    for (const domain of Object.keys(DOMAINS).sort()) {
      const manifests = DOMAINS[domain];
      const parts = [
        `-- Generated by \`npm run sql:snapshot\` from tools/sql-snapshot/manifests/${domain}.ts: do not edit by hand.`,
        `-- The statements of the ${domain} repositories; ScopedDb ones in the scope of community staff of ${SNAPSHOT_VIEWER.regionPath}.`,
      ];
      for (const manifest of manifests) {
        parts.push(`\n-- ——— ${manifest.file} ———`);
        for (const section of await renderFile(manifest)) parts.push(`\n${section}`);
      }
      files.set(`${domain}.sql`, `${parts.join('\n')}\n`);
    }
    return files;
  });
}

/** The first line where two texts differ, with a few lines of each from there. */
function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const show = (lines: string[]) =>
    lines
      .slice(i, i + 5)
      .map((line) => `    ${line}`)
      .join('\n');
  return `from line ${i + 1}:\n  checked in:\n${show(b)}\n  generated:\n${show(a)}`;
}

/**
 * What differs between queries/ and a fresh snapshot: one message per file out of date (missing,
 * stale or different), empty when queries/ is current.
 */
export function compareSnapshot(
  generated: Map<string, string>,
  readFile: (name: string) => string | undefined,
  present: string[],
): string[] {
  const problems: string[] = [];
  for (const [name, text] of generated) {
    const checkedIn = readFile(name);
    if (checkedIn === undefined) problems.push(`queries/${name} is missing.`);
    else if (checkedIn !== text) problems.push(`queries/${name} is out of date, ${firstDifference(text, checkedIn)}`);
  }
  for (const name of present) if (!generated.has(name)) problems.push(`queries/${name} belongs to no domain any more.`);
  return problems;
}

const checkedInFile = (name: string) => {
  try {
    return readFileSync(path.join(QUERIES_DIR, name), 'utf8');
  } catch {
    return undefined;
  }
};
const checkedInNames = () => readdirSync(QUERIES_DIR).filter((name) => name.endsWith('.sql'));

async function main() {
  const generated = await renderSnapshot();
  if (process.argv.includes('--check')) {
    const problems = compareSnapshot(generated, checkedInFile, checkedInNames());
    if (problems.length) {
      console.error(`The SQL snapshot does not match the repositories:\n\n${problems.join('\n\n')}\n`);
      console.error('Run `npm run sql:snapshot` and review the diff of queries/ before committing it.');
      process.exit(1);
    }
    console.log(`queries/: ${generated.size} files match the repositories.`);
    return;
  }
  for (const name of checkedInNames()) if (!generated.has(name)) rmSync(path.join(QUERIES_DIR, name));
  for (const [name, text] of generated) writeFileSync(path.join(QUERIES_DIR, name), text);
  console.log(`queries/: wrote ${generated.size} files.`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
