import type { WorkingCalendar } from '../../platform/calendar/working-calendar.js';

/**
 * The statutory clocks of an application (政府信息公开条例 2019), counted in whole working days
 * on the county's calendar, each with the sentence that says how it was counted:
 *
 *   收到申请 2024-09-27 + 20 个工作日（国庆节 10月1日—7日 不计，9月29日、10月12日 调休上班）= 2024-10-30
 *
 * A period starts on the day after its event (民法典 第二百零一条, as the case clocks count), so
 * the day of receipt is not one of the 20 (docs/decisions/046).
 */
export type DayCalendar = Pick<WorkingCalendar, 'isWorkingDay' | 'festivalOf' | 'knowsYear'>;

/** 第三十三条: 20 working days to reply; 第三十条: 7 to ask for a 补正. */
export const REPLY_WORKING_DAYS = 20;
export const CORRECTION_NOTICE_WORKING_DAYS = 7;
/** 第三十三条 第二款: one extension of at most 20 working days. */
export const MAX_EXTENSION_WORKING_DAYS = 20;

export interface Deadline {
  dueOn: string;
  explanation: string;
  /** The count reaches into a year whose holidays are not published yet: Mon–Fri assumed there. */
  provisional: boolean;
}

export interface Pause {
  kind: 'third_party' | 'co_agency';
  startedOn: string;
  /** null while it runs: counted up to `today`. */
  endedOn: string | null;
}

export interface ReplyClock {
  /** The day the count starts from: receipt, or the day the 补正 arrived. */
  startOn: string;
  restartedByCorrection: boolean;
  pauses: Pause[];
  extensionDays: number | null;
}

const PAUSE_WORDS: Record<Pause['kind'], string> = { third_party: '征求第三方意见', co_agency: '征求其他机关意见' };

export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The working day `days` after `from` (0: `from` itself if it is one, else the next). */
export function addWorkingDays(calendar: DayCalendar, from: string, days: number): string {
  let day = from;
  if (days === 0) {
    while (!calendar.isWorkingDay(day)) day = nextDay(day);
    return day;
  }
  for (let counted = 0; counted < days;) {
    day = nextDay(day);
    if (calendar.isWorkingDay(day)) counted++;
  }
  return day;
}

/** Working days d with from < d ≤ to: the working time a period from `from` to `to` took. */
export function workingDaysBetween(calendar: DayCalendar, from: string, to: string): number {
  let count = 0;
  for (let day = nextDay(from); day <= to; day = nextDay(day)) if (calendar.isWorkingDay(day)) count++;
  return count;
}

/** 第三十条: the last day to send the one 补正 notice. */
export function correctionNoticeDeadline(calendar: DayCalendar, receivedOn: string): Deadline {
  return counted(
    calendar,
    receivedOn,
    [`收到申请 ${receivedOn} + ${CORRECTION_NOTICE_WORKING_DAYS} 个工作日`],
    CORRECTION_NOTICE_WORKING_DAYS,
  );
}

/** 第三十三条: the reply deadline, with the extension and the consultations' time added. */
export function replyDeadline(calendar: DayCalendar, clock: ReplyClock, today: string): Deadline {
  const terms = [`${clock.restartedByCorrection ? '收到补正' : '收到申请'} ${clock.startOn} + ${REPLY_WORKING_DAYS} 个工作日`];
  let days = REPLY_WORKING_DAYS;
  if (clock.extensionDays) {
    terms.push(`延长 ${clock.extensionDays} 个工作日`);
    days += clock.extensionDays;
  }
  for (const pause of clock.pauses) {
    const end = pause.endedOn ?? today;
    const paused = workingDaysBetween(calendar, pause.startedOn, end);
    const span = `${pause.startedOn} 至 ${pause.endedOn ?? `今日（${end}）`}`;
    terms.push(`${PAUSE_WORDS[pause.kind]} ${paused} 个工作日（${span}，不计入期限）`);
    days += paused;
  }
  return counted(calendar, clock.startOn, terms, days);
}

function counted(calendar: DayCalendar, from: string, terms: string[], days: number): Deadline {
  const dueOn = addWorkingDays(calendar, from, days);
  const notes = calendarNotes(calendar, from, dueOn);
  const provisional = yearsBetween(from, dueOn).some((year) => !calendar.knowsYear(year));
  const caveat = provisional ? '（含尚未公布节假日安排的年份，暂按周一至周五计算）' : '';
  return { dueOn, explanation: `${terms.join(' + ')}${notes ? `（${notes}）= ` : ' = '}${dueOn}${caveat}`, provisional };
}

/**
 * What about the days between made the count differ from plain weeks: official holidays by their
 * festival (国庆节 10月1日—7日 不计), 调休 days worked, and the county's own changes.
 */
function calendarNotes(calendar: DayCalendar, from: string, to: string): string {
  const rests: { name: string; days: string[] }[] = [];
  const worked: string[] = [];
  const local: string[] = [];
  for (let day = nextDay(from); day <= to; day = nextDay(day)) {
    const working = calendar.isWorkingDay(day);
    const festival = calendar.festivalOf(day);
    // A festival's weekend days are listed with it, so a run reads 10月1日—7日 and not 10月1日—4日.
    if (!working && festival) {
      const run = rests.at(-1);
      if (run && run.name === festival && run.days.at(-1) === previousDay(day)) run.days.push(day);
      else rests.push({ name: festival, days: [day] });
      continue;
    }
    const weekend = [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
    if (working === !weekend) continue;
    if (!working) local.push(`${monthDay(day)} 休息（本县调整）`);
    else if (festival) worked.push(day);
    else local.push(`${monthDay(day)} 上班（本县调整）`);
  }
  const parts = rests.map((r) => `${r.name} ${span(r.days[0], r.days.at(-1)!)} 不计`);
  if (worked.length) parts.push(`${worked.map(monthDay).join('、')} 调休上班`);
  return [...parts, ...local].join('，');
}

function previousDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

const monthDay = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

function span(first: string, last: string): string {
  if (first === last) return monthDay(first);
  return first.slice(5, 7) === last.slice(5, 7)
    ? `${monthDay(first)}—${Number(last.slice(8, 10))}日`
    : `${monthDay(first)}—${monthDay(last)}`;
}

function yearsBetween(from: string, to: string): number[] {
  const years: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) years.push(y);
  return years;
}
