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

// The last day of a target's period when the table gives none: 上半年目标 → 6月30日.
const PERIOD_END: [RegExp, string][] = [
  [/一季度/, '03-31'],
  [/上半年|二季度/, '06-30'],
  [/三季度/, '09-30'],
  [/全年|四季度|年底/, '12-31'],
];

function periodEnd(period: string, year: number): string | null {
  const end = PERIOD_END.find(([pattern]) => pattern.test(period));
  return end ? `${year}-${end[1]}` : null;
}

function taskSpec(t: GazetteTask, year: number): TaskSpec {
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
      due: target.due ?? periodEnd(target.period, year),
      text: target.text,
      measures: measuresIn(target.text),
    })),
    units: [t.leadUnit, ...t.coUnits].filter((u): u is string => !!u && u.trim() !== ''),
  };
}

/** A phase's name without its bracketed dates, and those dates as printed: 全面排查阶段, 2023年9月10日前完成. */
function splitPhaseName(name: string): { task: string; when: string | null } {
  const m = /^(.*?)[（(]([^）)]*)[）)]\s*[。.]?$/.exec(name.trim());
  return m ? { task: m[1].trim(), when: m[2].trim() } : { task: name.trim(), when: null };
}

export function listsFromGazette(documents: GazetteDocument[]): ListSpec[] {
  const lists: ListSpec[] = [];
  for (const doc of documents) {
    const table = doc.attachments.find((a) => a.tables.length > 0);
    // A document whose date could not be read (the importer reports it) counts from its year's start.
    const issuedOn = doc.dateWritten ?? `${doc.number.year}-01-01`;
    if (doc.tasks.length > 0) {
      lists.push({
        number: doc.number.text,
        issuedOn,
        title: table?.tables[0].title ?? table?.title ?? doc.enclosure?.title ?? doc.title,
        kind: 'table',
        tasks: doc.tasks.map((t) => taskSpec(t, doc.number.year)),
      });
    } else if (doc.phases.length > 0) {
      lists.push({
        number: doc.number.text,
        issuedOn,
        title: doc.enclosure?.title ?? doc.title,
        kind: 'phases',
        tasks: doc.phases.map((p) => {
          const { task, when } = splitPhaseName(p.name);
          return {
            seq: p.seq,
            category: null,
            task,
            requirement: p.text || null,
            deadline: p.end,
            ongoing: false,
            deadlineText: when,
            startsOn: p.start,
            targets: [],
            units: [],
          };
        }),
      });
    }
  }
  return lists;
}
