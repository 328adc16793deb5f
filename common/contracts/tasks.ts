import { z } from 'zod';
import { day, page, pagingQuery, timestamp } from './shared.js';

/**
 * The task supervision API (督查督办, server/domains/tasks, docs/decisions/044): task lists from
 * the gazette or entered by hand, their tasks and responsible units, monthly progress reports,
 * 催办 and 督办通知, and 考核 scores. A task's status is computed when it is read, never stored.
 */

/** 未开始, 正常推进, 临期/缺报 (yellow), 逾期 (red), 已办结, 长期坚持. */
export const TASK_STATUSES = ['not_started', 'on_track', 'at_risk', 'overdue', 'done', 'ongoing'] as const;
export const taskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof taskStatus>;

/** A unit's report for one month: filed by the 8th of the next month, filed after, not filed, or its window still open. */
export const REPORT_STATES = ['on_time', 'late', 'missing', 'open'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

export const TASK_LIST_KINDS = ['table', 'phases', 'manual'] as const;
export const UNIT_ROLES = ['lead', 'co'] as const;
export const TASK_ACTION_KINDS = ['reminder', 'notice'] as const;

const statusCounts = z.record(taskStatus, z.number().int());

export const taskListItem = z.object({
  id: z.number().int(),
  number: z.string().nullable(),
  documentId: z.number().int().nullable(),
  /** The major decision (重大决策) the list was spawned from. */
  decisionId: z.number().int().nullable(),
  title: z.string(),
  kind: z.enum(TASK_LIST_KINDS),
  /** The tasks the viewer sees in it, by status. */
  tasks: z.number().int(),
  byStatus: statusCounts,
});
export type TaskListItem = z.infer<typeof taskListItem>;
export const taskListList = z.object({ items: z.array(taskListItem) });
/** The lists a major decision spawned, on the decision's page. */
export const taskListQuery = z.object({ decisionId: z.coerce.number().int().positive().optional() });

/** A responsible unit: a county unit, a town, or a name as printed that resolved to neither. */
export const taskUnitItem = z.object({
  id: z.number().int(),
  role: z.enum(UNIT_ROLES),
  printedName: z.string(),
  /** The county unit's or the town's name; null when unresolved. */
  name: z.string().nullable(),
  orgUnitId: z.number().int().nullable(),
  regionId: z.number().int().nullable(),
  resolved: z.boolean(),
});
export type TaskUnitItem = z.infer<typeof taskUnitItem>;

export const taskMeasureItem = z.object({
  id: z.number().int(),
  label: z.string(),
  quantity: z.number(),
  unit: z.string(),
  /** The latest figure the lead units reported for it, summed over them; null before any. */
  reached: z.number().nullable(),
});
export const taskTargetItem = z.object({
  id: z.number().int(),
  period: z.string(),
  due: z.string().nullable(),
  text: z.string(),
  measures: z.array(taskMeasureItem),
});

export const taskItem = z.object({
  id: z.number().int(),
  listId: z.number().int(),
  listTitle: z.string(),
  seq: z.number().int(),
  category: z.string().nullable(),
  task: z.string(),
  requirement: z.string().nullable(),
  deadline: z.string().nullable(),
  ongoing: z.boolean(),
  deadlineText: z.string().nullable(),
  startsOn: z.string().nullable(),
  completedOn: z.string().nullable(),
  status: taskStatus,
  /** red: overdue; yellow: deadline near or a monthly report missing. */
  warning: z.enum(['yellow', 'red']).nullable(),
  /** Why, in words: 距完成时限 5 天, 县财政局 未报 2023年8月 进展. */
  reasons: z.array(z.string()),
  lead: z.array(z.string()),
  co: z.array(z.string()),
  /** The latest report's text of a lead unit, for the list and the export. */
  latestProgress: z.string().nullable(),
});
export type TaskItem = z.infer<typeof taskItem>;
export const taskPage = page(taskItem);

export const taskQuery = z.object({
  ...pagingQuery,
  pageSize: z.coerce.number().int().min(1).max(200).default(100),
  listId: z.coerce.number().int().positive().optional(),
  status: taskStatus.optional(),
  /** Only the tasks of the viewer's own unit (我的任务). */
  mine: z.enum(['1']).optional(),
  /** The tasks of the units this leader 分管 (the leader view). */
  leaderId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(50).optional(),
});
export type TaskQuery = z.infer<typeof taskQuery>;

export const reportFileItem = z.object({ id: z.number().int(), fileName: z.string(), size: z.number().int() });

export const taskReportItem = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  month: z.string(),
  text: z.string(),
  figures: z.array(z.object({ measureId: z.number().int(), value: z.number() })),
  submittedBy: z.string(),
  submittedAt: timestamp,
  state: z.enum(REPORT_STATES),
  files: z.array(reportFileItem),
});
export type TaskReportItem = z.infer<typeof taskReportItem>;

/** A unit's months: which are filed and how. */
export const unitMonths = z.object({
  unitId: z.number().int(),
  months: z.array(z.object({ month: z.string(), due: z.string(), state: z.enum(REPORT_STATES) })),
});

export const taskActionItem = z.object({
  id: z.number().int(),
  kind: z.enum(TASK_ACTION_KINDS),
  /** The unit it was sent to; null: every responsible unit. */
  unitName: z.string().nullable(),
  text: z.string(),
  respondBy: z.string().nullable(),
  by: z.string(),
  at: timestamp,
});

/** The 催办/督办 log across the viewer's tasks, newest first. */
export const taskActionQuery = z.object({ ...pagingQuery, kind: z.enum(TASK_ACTION_KINDS).optional() });
export type TaskActionQuery = z.infer<typeof taskActionQuery>;
export const taskActionLogItem = taskActionItem.extend({
  taskId: z.number().int(),
  seq: z.number().int(),
  task: z.string(),
  listTitle: z.string(),
});
export type TaskActionLogItem = z.infer<typeof taskActionLogItem>;
export const taskActionPage = page(taskActionLogItem);

export const taskDetail = taskItem.extend({
  listNumber: z.string().nullable(),
  units: z.array(taskUnitItem),
  targets: z.array(taskTargetItem),
  reports: z.array(taskReportItem),
  calendar: z.array(unitMonths),
  actions: z.array(taskActionItem),
  /** The viewer's own responsible unit on this task, when it has one: where the report form files. */
  myUnitId: z.number().int().nullable(),
  /** The months ('YYYY-MM') a unit may file now, oldest first. */
  fileableMonths: z.array(z.string()),
});
export type TaskDetail = z.infer<typeof taskDetail>;

// ── writes ─────────────────────────────────────────────────────────────────

const text = (max: number) => z.string().trim().min(1).max(max);
const unitRef = z.union([z.object({ orgUnitId: z.number().int().positive() }), z.object({ regionId: z.number().int().positive() })]);

export const newTask = z.object({
  category: text(200).nullable().optional(),
  task: text(500),
  requirement: text(4000).nullable().optional(),
  /** A day, or 'ongoing' (长期坚持). */
  deadline: z
    .union([day, z.literal('ongoing')])
    .nullable()
    .optional(),
  deadlineText: text(100).nullable().optional(),
  /** The first is the lead unit (牵头单位), the others co-responsible. */
  units: z.array(unitRef).min(1, '至少指定一个责任单位').max(100),
});

/** A list entered by hand: tasks from a meeting or a leader's instruction (会议议定事项). */
export const createTaskListBody = z.object({
  title: text(200),
  /** A major decision (重大决策预公开) whose carrying-out these tasks supervise. */
  decisionId: z.number().int().positive().optional(),
  tasks: z.array(newTask).min(1, '至少一项任务').max(500),
});
export type CreateTaskListInput = z.infer<typeof createTaskListBody>;
export const createdTaskList = z.object({ id: z.number().int(), tasks: z.number().int() });

export const updateTaskBody = z
  .object({
    category: text(200).nullable(),
    task: text(500),
    requirement: text(4000).nullable(),
    deadline: z.union([day, z.literal('ongoing')]).nullable(),
    deadlineText: text(100).nullable(),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: '没有要修改的内容' });
export type UpdateTaskInput = z.infer<typeof updateTaskBody>;

/** 办结 (or taking it back): the office confirms a task is done on a day. */
export const completeTaskBody = z.object({ completedOn: day.nullable() });

/** A month's progress of one's own unit: the month reported on is 'YYYY-MM'. */
export const taskReportBody = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份须为 YYYY-MM 格式'),
  text: text(4000),
  figures: z
    .array(z.object({ measureId: z.number().int().positive(), value: z.number().finite().min(0).max(1e15) }))
    .max(50)
    .default([]),
});
export type TaskReportInput = z.infer<typeof taskReportBody>;

export const taskActionBody = z.object({
  kind: z.enum(TASK_ACTION_KINDS),
  /** A responsible unit of the task; none: all of them. */
  unitId: z.number().int().positive().nullable().default(null),
  text: text(2000),
  /** 督办通知 name the day by which the unit answers. */
  respondBy: day.nullable().default(null),
});
export type TaskActionInput = z.infer<typeof taskActionBody>;

export const taskReportParams = z.object({ id: z.coerce.number().int().positive(), reportId: z.coerce.number().int().positive() });
export const taskFileParams = taskReportParams.extend({ fileId: z.coerce.number().int().positive() });

// ── assessment and the leader view ─────────────────────────────────────────

export const assessmentQuery = z.object({
  listId: z.coerce.number().int().positive(),
  /** The scores up to the end of this day (the period's end); today when absent. */
  until: day.optional(),
});
export const assessmentRow = z.object({
  unitKey: z.string(),
  unitName: z.string(),
  tasks: z.number().int(),
  reportsDue: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  missing: z.number().int(),
  tasksDue: z.number().int(),
  doneOnTime: z.number().int(),
  doneLate: z.number().int(),
  timeliness: z.number(),
  completion: z.number(),
  score: z.number(),
});
export type AssessmentRow = z.infer<typeof assessmentRow>;
export const assessmentTable = z.object({
  listId: z.number().int(),
  until: z.string(),
  rows: z.array(assessmentRow),
  /** The scores the office recorded for this list, by period. */
  recorded: z.array(z.object({ period: z.string(), recordedAt: timestamp, rows: z.number().int() })),
});
export const recordAssessmentBody = z.object({
  listId: z.number().int().positive(),
  /** What the scores cover: a year (2023) or a month (2023-06), scored to its last day. */
  period: z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, '考核期须为 YYYY 或 YYYY-MM'),
});
export const recordedAssessment = z.object({ period: z.string(), until: z.string(), rows: z.number().int() });

export const taskLeaderList = z.object({
  items: z.array(
    z.object({ id: z.number().int(), name: z.string(), units: z.array(z.object({ id: z.number().int(), name: z.string() })) }),
  ),
});

/** The units and towns a task can be assigned to, for the hand-entry form. */
export const taskAssignees = z.object({
  units: z.array(z.object({ id: z.number().int(), name: z.string() })),
  towns: z.array(z.object({ id: z.number().int(), name: z.string() })),
});
