import type { GazetteTarget, GazetteTask } from '../../../common/contracts/gazette.js';
import { looksLikeDeadline, readDeadline } from './deadlines.js';
import { headingLevel, matchKey, sectionHolding, type OutlineSection } from './outline.js';
import type { TableAt } from './tables.js';
import { looksLikeUnitList, readUnitList } from './unit-lists.js';

/**
 * Tasks from a task table: 工作任务分解表 (序号, 工作任务 in one or two levels, 具体要求, 责任单位,
 * 完成时限) or 目标任务清单 (序号, 主要任务, 责任单位, 上半年/三季度/全年目标). The columns are found
 * by their header's words, not by position, since the two kinds differ.
 *
 * The PDF's copy is lossy in two ways. A cell merged across rows is printed once and left empty
 * below: each empty 工作任务, 责任单位 and 完成时限 takes the value above it (carried down). And a
 * row's cells sometimes slip a column (a heading in the 具体要求 column, the deadline past the
 * last one): such a row is read by what its cells say — a list of units, a deadline, a sentence,
 * a heading — instead of where they sit. Where the document's own outline (the 要点's headings)
 * shows which heading a row's sentence is under, that heading wins over a misplaced merged cell,
 * and the report says so.
 */
export type Warn = (line: number | null, field: string, message: string) => void;

interface Columns {
  seq: number;
  /** 工作任务 and, when the header leaves an empty cell after it, its second level. */
  labels: number[];
  requirement: number | null;
  units: number;
  deadline: number | null;
  /** 上半年目标 …: the column, its header as printed, and the period it names (上半年). */
  targets: Array<{ column: number; header: string; period: string }>;
}

const SEQ = /^序号$/;
const TASK = /任务|事项|工作内容/;
const REQUIREMENT = /要求|措施|内容/;
const UNITS = /责任单位|牵头单位|责任部门|承办单位|责任主体/;
const DEADLINE = /时限|完成时间|时间节点|完成期限/;
const TARGET = /^(.+)目标$/;

export function taskColumns(header: string[]): Columns | null {
  const seq = header.findIndex((cell) => SEQ.test(cell));
  const units = header.findIndex((cell) => UNITS.test(cell));
  const task = header.findIndex((cell) => TASK.test(cell) && !UNITS.test(cell));
  if (seq < 0 || units < 0 || task < 0) return null;
  const labels = [task];
  if (header[task + 1] === '') labels.push(task + 1);
  const find = (pattern: RegExp) => {
    const at = header.findIndex((cell, i) => pattern.test(cell) && !labels.includes(i) && i !== units);
    return at < 0 ? null : at;
  };
  const targets = header.flatMap((cell, column) => {
    const m = TARGET.exec(cell);
    return m ? [{ column, header: cell, period: m[1] }] : [];
  });
  return { seq, labels, requirement: find(REQUIREMENT), units, deadline: find(DEADLINE), targets };
}

interface RowReading {
  labels: string[];
  requirement: string;
  units: string;
  deadline: string;
}

/** Reads the row by its columns; null when what sits in them does not fit (the row slipped). */
function byPosition(cells: string[], columns: Columns): RowReading | null {
  const at = (i: number | null) => (i === null ? '' : (cells[i] ?? ''));
  const reading = {
    labels: columns.labels.map((i) => at(i)),
    requirement: at(columns.requirement),
    units: at(columns.units),
    deadline: at(columns.deadline),
  };
  const used = new Set([
    columns.seq,
    ...columns.labels,
    columns.requirement,
    columns.units,
    columns.deadline,
    ...columns.targets.map((t) => t.column),
  ]);
  const stray = cells.some((cell, i) => cell !== '' && !used.has(i));
  const fits =
    !stray &&
    (reading.units === '' || looksLikeUnitList(reading.units)) &&
    (reading.deadline === '' || looksLikeDeadline(reading.deadline)) &&
    !looksLikeUnitList(reading.requirement) &&
    reading.labels.every((label) => label.length <= 40 && !looksLikeUnitList(label));
  return fits ? reading : null;
}

/** Reads a slipped row by what its cells say. */
function byContent(cells: string[], columns: Columns): RowReading {
  const rest = cells.filter((cell, i) => i !== columns.seq && cell !== '');
  const take = (test: (cell: string) => boolean) => {
    const at = rest.map(test).lastIndexOf(true);
    return at < 0 ? '' : rest.splice(at, 1)[0];
  };
  const deadline = take(looksLikeDeadline);
  const units = take(looksLikeUnitList);
  const longest = rest.reduce((best, cell, i) => (best < 0 || cell.length > rest[best].length ? i : best), -1);
  const requirement = longest >= 0 && (rest[longest].length > 20 || /。$/.test(rest[longest])) ? rest.splice(longest, 1)[0] : '';
  return { labels: rest.slice(-2), requirement, units, deadline };
}

/**
 * A task table's rows laid back under its header for printing (the library's page and .docx):
 * each row's cells where its reading puts them, a merged cell left empty below its first row as
 * printed, never carried down. Null when the table is not a task table.
 */
export function alignTaskRows(table: TableAt): string[][] | null {
  const columns = taskColumns(table.header);
  if (!columns) return null;
  return table.rows.map((cells) => {
    if (!/^\d{1,4}$/.test(cells[columns.seq] ?? '')) return cells;
    const reading = byPosition(cells, columns) ?? byContent(cells, columns);
    const row = table.header.map(() => '');
    row[columns.seq] = cells[columns.seq];
    // A slipped row may read two labels for a one-level header: both stay, in their order.
    if (columns.labels.length === 1) row[columns.labels[0]] = reading.labels.filter(Boolean).join(' ');
    else columns.labels.forEach((column, i) => (row[column] = reading.labels[i] ?? ''));
    if (columns.requirement !== null) row[columns.requirement] = reading.requirement;
    row[columns.units] = reading.units;
    if (columns.deadline !== null) row[columns.deadline] = reading.deadline;
    for (const { column } of columns.targets) row[column] = cells[column] ?? '';
    return row;
  });
}

export function readTaskTable(table: TableAt, outline: OutlineSection[], year: number | null, warn: Warn): GazetteTask[] {
  const columns = taskColumns(table.header);
  if (!columns) return [];
  const tasks: GazetteTask[] = [];
  const carried = { category: null as string | null, task: '', units: '', deadline: '' };
  // The last category a row was filed under, the outline's included: rows the outline does not
  // find stay under it.
  let lastCategory: string | null = null;
  let expected = 1;

  table.rows.forEach((cells, r) => {
    const line = table.rowLines[r];
    const seqText = cells[columns.seq] ?? '';
    if (!/^\d{1,4}$/.test(seqText)) {
      if (cells.some(Boolean))
        warn(line, 'tasks', `任务表中这一行没有序号，未作为任务读取：${cells.filter(Boolean).join(' | ').slice(0, 60)}`);
      return;
    }
    const seq = Number(seqText);
    if (seq !== expected) warn(line, 'tasks', `任务序号应为 ${expected}，这里是 ${seq}`);
    expected = seq + 1;

    const reading = byPosition(cells, columns) ?? byContent(cells, columns);
    const labels = reading.labels.filter(Boolean);
    const [first, second] = reading.labels;
    if (columns.labels.length === 2 && labels.length === reading.labels.length && labels.length === 2) {
      carried.category = first;
      carried.task = second;
    } else if (labels.length === 2) {
      [carried.category, carried.task] = labels;
    } else if (labels.length === 1) {
      const level = headingLevel(outline, labels[0]) ?? (columns.labels.length === 2 && first !== '' && second === '' ? 1 : 2);
      if (level === 1) carried.category = labels[0];
      else carried.task = labels[0];
    }
    if (reading.units !== '') carried.units = reading.units;
    if (reading.deadline !== '') carried.deadline = reading.deadline;

    let { category, task } = carried;
    const section = reading.requirement ? sectionHolding(outline, reading.requirement) : null;
    if (section) {
      if (task !== '' && matchKey(section.level2) !== matchKey(task)) {
        warn(line, 'task', `第 ${seq} 项表中标为“${task}”，其具体要求在正文“${section.level2}”之下，按正文归类`);
      }
      task = section.level2;
      category = section.level1 ?? category;
    }
    category ??= lastCategory;
    lastCategory = category;
    if (task === '') warn(line, 'task', `第 ${seq} 项没有工作任务名称`);
    const units = readUnitList(carried.units);
    if (units.length === 0) warn(line, 'leadUnit', `第 ${seq} 项没有责任单位`);

    const targets: GazetteTarget[] = columns.targets.map(({ column, header, period }) => ({
      period: header,
      due: readDeadline(period, year),
      text: cells[column] ?? '',
    }));
    const lastTarget = columns.targets.at(-1);
    const deadlineText = carried.deadline !== '' ? carried.deadline : lastTarget ? lastTarget.period : null;
    const deadline = deadlineText === null ? null : readDeadline(deadlineText, year);
    if (deadlineText !== null && deadline === null) warn(line, 'deadline', `第 ${seq} 项的完成时限“${deadlineText}”无法识别为日期`);

    tasks.push({
      seq,
      category,
      task: task || (columns.targets.length > 0 ? (reading.labels[0] ?? '') : ''),
      requirement: columns.requirement === null ? null : reading.requirement || null,
      leadUnit: units[0] ?? null,
      coUnits: units.slice(1),
      deadline,
      deadlineText,
      targets,
      line,
    });
  });
  return tasks;
}
