import ExcelJS from 'exceljs';
import type { TaskItem } from '../../../common/contracts/tasks.js';

/**
 * A task list as an Excel workbook in the layout of the table it came from (序号, 工作任务,
 * 具体要求, 责任单位, 完成时限; or the milestone columns of a 目标任务清单), then 状态 and 最新进展.
 * A 工作任务 heading that spans several rows in the source is one merged cell again, as printed.
 */
export const STATUS_WORDS: Record<TaskItem['status'], string> = {
  not_started: '未开始',
  on_track: '正常推进',
  at_risk: '临期/缺报',
  overdue: '逾期',
  done: '已办结',
  ongoing: '长期坚持',
};

const FILL: Partial<Record<TaskItem['status'], string>> = { at_risk: 'FFFFF3CD', overdue: 'FFF8D7DA', done: 'FFD1E7DD' };

export interface ExportTask extends TaskItem {
  targets: { period: string; text: string }[];
}

export async function taskListWorkbook(title: string, number: string | null, tasks: ExportTask[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('任务清单');
  const hasCategory = tasks.some((t) => t.category);
  const periods = [...new Set(tasks.flatMap((t) => t.targets.map((x) => x.period)))];
  const columns = [
    { header: '序号', width: 6 },
    ...(hasCategory ? [{ header: '工作任务', width: 18 }] : []),
    { header: hasCategory ? '' : '工作任务', width: 22 },
    ...(periods.length ? periods.map((p) => ({ header: p, width: 30 })) : [{ header: '具体要求', width: 50 }]),
    { header: '责任单位', width: 28 },
    { header: '完成时限', width: 14 },
    { header: '状态', width: 10 },
    { header: '最新进展', width: 40 },
  ];
  sheet.columns = columns.map((c) => ({ width: c.width }));
  sheet.addRow([number ? `${title}（${number}）` : title]);
  sheet.mergeCells(1, 1, 1, columns.length);
  sheet.getRow(1).font = { bold: true, size: 14 };
  sheet.getRow(1).alignment = { horizontal: 'center' };
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  // 工作任务 with its sub-heading: one header cell over both columns, as the source prints it.
  if (hasCategory) sheet.mergeCells(2, 2, 2, 3);
  const first = 3;
  for (const t of tasks) {
    const row = sheet.addRow([
      t.seq,
      ...(hasCategory ? [t.category ?? ''] : []),
      t.task,
      ...(periods.length ? periods.map((p) => t.targets.find((x) => x.period === p)?.text ?? '') : [t.requirement ?? '']),
      [...t.lead, ...t.co].join('、'),
      t.deadlineText ?? (t.ongoing ? '长期坚持' : (t.deadline ?? '')),
      STATUS_WORDS[t.status],
      t.latestProgress ?? '',
    ]);
    const fill = FILL[t.status];
    if (fill) row.getCell(columns.length - 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
  }
  // Merge runs of the same heading down the rows (the source's cells merged across rows).
  const mergeRuns = (column: number, value: (t: ExportTask) => string | null) => {
    let start = 0;
    for (let i = 1; i <= tasks.length; i++) {
      if (i < tasks.length && value(tasks[i]) && value(tasks[i]) === value(tasks[start])) continue;
      if (i - start > 1) sheet.mergeCells(first + start, column, first + i - 1, column);
      start = i;
    }
  };
  if (hasCategory) mergeRuns(2, (t) => t.category);
  mergeRuns(hasCategory ? 3 : 2, (t) => t.task);
  sheet.eachRow((row, n) => {
    if (n > 1) row.eachCell((cell) => (cell.alignment = { vertical: 'middle', wrapText: true }));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
