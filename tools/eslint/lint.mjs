#!/usr/bin/env node
/**
 * `npm run lint`: ESLint with the boundary rules of docs/decisions/011, and the list of files
 * written before those rules existed (baseline.json). A file on the list may still break the
 * rule it is listed under, and no other; a file that no longer breaks it must come off the list,
 * so the list only shrinks. Every other rule, and every new file, is held to all of them.
 *
 * The same files are held to Prettier's layout (.prettierrc.json: lines of at most 140), so a
 * review reads changes, not reformatting.
 *
 *   npm run lint                 check
 *   npm run lint -- --fix        let ESLint fix what it can and Prettier lay the files out, then check
 *   npm run lint -- --prune      take the files that keep their rule now off the list
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BASELINE_FILE = path.join(import.meta.dirname, 'baseline.json');
const baseline = JSON.parse(readFileSync(BASELINE_FILE, 'utf8'));

const eslint = new ESLint({ cwd: ROOT, fix: process.argv.includes('--fix') });
const results = await eslint.lintFiles(['.']);
if (process.argv.includes('--fix')) await ESLint.outputFixes(results);

const rel = (file) => path.relative(ROOT, file).split(path.sep).join('/');
const problems = [];
const stillBroken = new Map(Object.keys(baseline.rules).map((rule) => [rule, new Set()]));
for (const result of results) {
  const file = rel(result.filePath);
  for (const m of result.messages) {
    const listed = m.ruleId && baseline.rules[m.ruleId]?.includes(file);
    if (listed) {
      stillBroken.get(m.ruleId).add(file);
      continue;
    }
    problems.push(`${file}:${m.line}:${m.column}  ${m.severity === 2 ? 'error' : 'warning'}  ${m.message}  ${m.ruleId ?? ''}`);
  }
}
for (const result of results) {
  const file = rel(result.filePath);
  const source = readFileSync(result.filePath, 'utf8');
  const options = { ...(await prettier.resolveConfig(result.filePath)), filepath: result.filePath };
  if (await prettier.check(source, options)) continue;
  if (process.argv.includes('--fix')) writeFileSync(result.filePath, await prettier.format(source, options));
  else problems.push(`${file}  error  is not laid out as Prettier lays it out (npm run format)  prettier`);
}
if (process.argv.includes('--prune')) {
  for (const rule of Object.keys(baseline.rules))
    baseline.rules[rule] = baseline.rules[rule].filter((file) => stillBroken.get(rule).has(file));
  writeFileSync(BASELINE_FILE, `${JSON.stringify(baseline, null, 2)}\n`);
}
for (const [rule, files] of Object.entries(baseline.rules)) {
  for (const file of files) {
    if (!stillBroken.get(rule).has(file))
      problems.push(`${file}  error  keeps ${rule} now: take it off tools/eslint/baseline.json (npm run lint -- --prune)`);
  }
}

const listed = Object.values(baseline.rules).reduce((n, files) => n + files.length, 0);
if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`\n${problems.length} problem(s). ${listed} file/rule pair(s) still on the baseline.`);
  process.exit(1);
}
console.log(
  `lint: clean. ${listed} file/rule pair(s) still on the baseline (tools/eslint/baseline.json): the architecture issue's work list.`,
);
