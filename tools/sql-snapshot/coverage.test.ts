import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DOMAINS } from './manifests/index.js';
import { recordingDb } from './recording-driver.js';
import { compareSnapshot, QUERIES_DIR, renderSnapshot, ROOT, snapshotContext } from './snapshot.js';

/**
 * The snapshot covers every query: a repository file, factory, method or exported query function
 * without a manifest entry fails here, so a new query cannot stay out of review.
 */
const manifests = Object.values(DOMAINS).flat();
const repositoryFiles = (readdirSync(path.join(ROOT, 'server'), { recursive: true }) as string[])
  .filter((file) => file.endsWith('.repository.ts'))
  .map((file) => `server/${file.split(path.sep).join('/')}`)
  .sort();

describe('the SQL snapshot covers', () => {
  it('every repository file', () => {
    expect(manifests.map((m) => m.file).sort()).toEqual(repositoryFiles);
  });

  it.each(manifests.map((m) => [m.file, m] as const))('every exported function of %s', async (file, manifest) => {
    const module = (await import(pathToFileURL(path.join(ROOT, file)).href)) as Record<string, unknown>;
    const exported = Object.keys(module).filter((name) => typeof module[name] === 'function');
    const covered = [...(manifest.repositories ?? []).map((r) => r.name), ...Object.keys(manifest.functions ?? {})];
    expect(covered.sort()).toEqual(exported.sort());
  });

  it.each(manifests.flatMap((m) => (m.repositories ?? []).map((r) => [r.name, r] as const)))('every method of %s', async (_name, repo) => {
    const methods = Object.keys(repo.build(await snapshotContext(recordingDb().db)));
    expect(Object.keys(repo.calls).sort()).toEqual(methods.sort());
  });
});

describe('npm run sql:check', () => {
  it('passes on queries/ as the repositories build them now', async () => {
    const problems = compareSnapshot(
      await renderSnapshot(),
      (name) => readFileSync(path.join(QUERIES_DIR, name), 'utf8'),
      readdirSync(QUERIES_DIR).filter((name) => name.endsWith('.sql')),
    );
    expect(problems, 'run `npm run sql:snapshot` and review the diff of queries/').toEqual([]);
  });

  it('fails on a changed snapshot, naming the file and the first line that differs', async () => {
    const generated = await renderSnapshot();
    const changed = (generated.get('vehicles.sql') ?? '').replace('where "vehicles"."region_path" like $1', 'where true');
    const problems = compareSnapshot(generated, (name) => (name === 'vehicles.sql' ? changed : generated.get(name)), [...generated.keys()]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^queries\/vehicles\.sql is out of date, from line \d+:/);
    expect(problems[0]).toContain('checked in:\n    where true');
    expect(problems[0]).toContain('generated:\n    where "vehicles"."region_path" like $1');
  });

  it('fails on a missing snapshot and on one that belongs to no domain', async () => {
    const generated = await renderSnapshot();
    const problems = compareSnapshot(generated, (name) => (name === 'cases.sql' ? undefined : generated.get(name)), [
      ...generated.keys(),
      'stale.sql',
    ]);
    expect(problems).toEqual(['queries/cases.sql is missing.', 'queries/stale.sql belongs to no domain any more.']);
  });
});
