import { readFileSync } from 'node:fs';
import type { GazetteDocument } from '../../../common/contracts/gazette.js';
import { readGazette } from '../gazette/index.js';

/**
 * The seed gazette's documents as the gazette reader reads them (server/domains/gazette), for the
 * documents domain's tests. A fresh copy each call, so a test may change it.
 */
const seed = readFileSync(new URL('../../../data/seed/pingyin-2023-gazette.txt', import.meta.url), 'utf8');
const byNumber = (number: string): GazetteDocument => structuredClone(readGazette(seed).documents.find((d) => d.number.text === number)!);

export const divisionOfLabour = () => byNumber('平政办发〔2023〕4号');
export const opennessPoints = () => byNumber('平政办发〔2023〕5号');
export const abandonedVehiclePlan = () => byNumber('平政办字〔2023〕7号');
export const proposalReply = () => byNumber('平政办字〔2023〕9号');
export const seedDocuments = () => [divisionOfLabour(), opennessPoints(), abandonedVehiclePlan(), proposalReply()];
