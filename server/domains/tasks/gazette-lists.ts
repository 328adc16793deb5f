import type { GazetteDocument, GazetteTask } from '../../../common/contracts/gazette.js';
import { measuresIn, type Measure } from './quantities.js';

/**
 * What a gazette document gives task supervision (docs/decisions/044): its task table as a list
 * of tasks, or, when it has no table but a plan with phases (废弃汽车方案's 全面排查阶段 …), the
 * phases as tasks. Pure: the storing is gazette-import.ts's.
 */
export interface TargetSpec {
  period: string;
  due: string | null;
  text: string;
  measures: Measure[];
}

export interface TaskSpec {
  seq: number;
  category: string | null;
  task: string;
  requirement: string | null;
  deadline: string | null;
  ongoing: boolean;
  deadlineText: string | null;
  startsOn: string | null;
  targets: TargetSpec[];
  /** The responsible units as printed, the lead (牵头单位) first. */
  units: string[];
}

export interface ListSpec {
  number: string;
  /** 成文日期: monthly reporting starts with its month. */
  issuedOn: string;
  title: string;
  kind: 'table' | 'phases';
  tasks: TaskSpec[];
}

function taskSpec(t: GazetteTask): TaskSpec {
  return {
    seq: t.seq,
    category: t.category,
    task: t.task,
    requirement: t.requirement,
    deadline: t.deadline === 'ongoing' ? null : t.deadline,
    ongoing: t.deadline === 'ongoing',
    deadlineText: t.deadlineText,
    startsOn: null,
    targets: t.targets.map((target) => ({
      period: target.period,
      due: target.due,
      text: target.text,
      measures: measuresIn(target.text),
    })),
    units: [t.leadUnit, ...t.coUnits].filter((u): u is string => !!u && u.trim() !== ''),
  };
}

/** A phase's name without its bracketed dates, and those dates as printed: 全面排查阶段, 2023年9月10日前完成. */
export function listsFromGazette(documents: GazetteDocument[]): ListSpec[] {
  const lists: ListSpec[] = [];
  for (const doc of documents) {
    if (doc.tasks.length === 0) continue;
    const table = doc.attachments.find((a) => a.tables.length > 0);
    // A plan without a task table is supervised by its phases: the reader gives them as its
    // tasks (decision 042), and each phase's first day is where its work starts.
    const byPhases = !table && doc.phases.length === doc.tasks.length;
    // A document whose date could not be read (the importer reports it) counts from its year's start.
    const issuedOn = doc.dateWritten ?? `${doc.number.year}-01-01`;
    lists.push({
      number: doc.number.text,
      issuedOn,
      title: byPhases ? (doc.enclosure?.title ?? doc.title) : (table?.tables[0].title ?? table?.title ?? doc.enclosure?.title ?? doc.title),
      kind: byPhases ? 'phases' : 'table',
      tasks: doc.tasks.map((t, i) => ({ ...taskSpec(t), startsOn: byPhases ? doc.phases[i].start : null })),
    });
  }
  return lists;
}
