import { readFileSync } from 'node:fs';
import type { GazetteDocument } from '../../../common/contracts/gazette.js';
import { readGazette } from '../gazette/index.js';

/**
 * The seed gazette's documents as the gazette reader reads them (server/domains/gazette), cut to
 * what the tasks domain's tests need: rows of the 政务公开 task breakdown (平政办发〔2023〕5号,
 * merged 工作任务 cells carried down), a row of the 数字人民币 target list (平政字〔2023〕22号) and
 * the abandoned-vehicle plan, supervised by its phases (平政办字〔2023〕7号). A fresh copy each call,
 * so a test may change it.
 */
const seed = readFileSync(new URL('../../../data/seed/pingyin-2023-gazette.txt', import.meta.url), 'utf8');

function seedDocument(number: string, seqs?: number[]): GazetteDocument {
  const doc = structuredClone(readGazette(seed).documents.find((d) => d.number.text === number)!);
  return seqs ? { ...doc, tasks: doc.tasks.filter((t) => seqs.includes(t.seq)) } : doc;
}

export const disclosureTasks = (overrides: { task1Units?: string[] } = {}) => {
  const doc = seedDocument('平政办发〔2023〕5号', [1, 5, 17, 18, 19]);
  if (overrides.task1Units) {
    const [lead, ...co] = overrides.task1Units;
    doc.tasks[0] = { ...doc.tasks[0], leadUnit: lead, coUnits: co };
  }
  return doc;
};

export const ecnyTargets = () => seedDocument('平政字〔2023〕22号', [14]);

export const abandonedVehiclePhases = () => seedDocument('平政办字〔2023〕7号');
