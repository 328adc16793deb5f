import { describe, expect, it } from 'vitest';
import { dueOf, fileableMonths, reportMonths, reportState, taskStatus, unitScore, type TaskDates } from './task-status.js';

const task = (over: Partial<TaskDates> = {}): TaskDates => ({
  deadline: '2023-12-31',
  ongoing: false,
  completedOn: null,
  startsOn: null,
  since: '2023-07-28',
  ...over,
});

describe('the monthly reporting window (每月8日前, for the month before)', () => {
  it('is due on the 8th of the next month, across the year end', () => {
    expect(dueOf('2023-08-01')).toBe('2023-09-08');
    expect(dueOf('2023-12-01')).toBe('2024-01-08');
  });

  it('asks for the months from the first whole one after the task came in to the one just ended', () => {
    expect(reportMonths(task(), '2023-10-03')).toEqual(['2023-08-01', '2023-09-01']);
    expect(reportMonths(task({ completedOn: '2023-08-20' }), '2023-11-03')).toEqual(['2023-08-01']);
    expect(reportMonths(task({ startsOn: '2023-09-11' }), '2023-10-03')).toEqual(['2023-09-01']);
    // Filing is open from the month it came in to the running month.
    expect(fileableMonths(task(), '2023-09-03')).toEqual(['2023-07-01', '2023-08-01', '2023-09-01']);
  });

  it('tells on time, late, missing and a window still open apart', () => {
    expect(reportState('2023-08-01', { month: '2023-08-01', filedOn: '2023-09-08' }, '2023-09-20')).toBe('on_time');
    expect(reportState('2023-08-01', { month: '2023-08-01', filedOn: '2023-09-09' }, '2023-09-20')).toBe('late');
    expect(reportState('2023-08-01', undefined, '2023-09-09')).toBe('missing');
    expect(reportState('2023-08-01', undefined, '2023-09-08')).toBe('open');
  });
});

describe("a task's status", () => {
  const filed = (...months: string[]) => months.map((m) => ({ month: m, filedOn: dueOf(m) }));

  it('is not started before any report, on track with reports, done once confirmed', () => {
    expect(taskStatus(task(), [{ name: '县财政局', reports: [] }], '2023-08-05').status).toBe('not_started');
    expect(taskStatus(task(), [{ name: '县财政局', reports: filed('2023-07-01') }], '2023-08-20')).toEqual({
      status: 'on_track',
      warning: null,
      reasons: [],
    });
    expect(taskStatus(task({ completedOn: '2023-09-01' }), [], '2024-02-01').status).toBe('done');
  });

  it('turns yellow when the last closed month is missing or the deadline is near, red after it', () => {
    const missing = taskStatus(task(), [{ name: '县财政局', reports: filed('2023-07-01') }], '2023-09-09');
    expect(missing).toEqual({ status: 'at_risk', warning: 'yellow', reasons: ['县财政局未报2023年8月进展'] });
    const near = taskStatus(
      task(),
      [{ name: '县财政局', reports: filed('2023-07-01', '2023-08-01', '2023-09-01', '2023-10-01', '2023-11-01') }],
      '2023-12-20',
    );
    expect(near).toMatchObject({ status: 'at_risk', warning: 'yellow', reasons: ['距完成时限 11 天'] });
    const late = taskStatus(task(), [], '2024-01-02');
    expect(late.status).toBe('overdue');
    expect(late.warning).toBe('red');
    expect(late.reasons[0]).toBe('已超过完成时限 2 天');
  });

  it('follows a phase without units by its dates, and flags a lead that matched no unit', () => {
    expect(taskStatus(task({ startsOn: '2023-09-11', deadline: '2023-10-31' }), [], '2023-09-05').status).toBe('not_started');
    expect(taskStatus(task({ startsOn: '2023-09-11', deadline: '2023-10-31' }), [], '2023-09-20').status).toBe('on_track');
    expect(taskStatus(task(), [], '2023-08-20', ['人民银行平阴县支行'])).toEqual({
      status: 'at_risk',
      warning: 'yellow',
      reasons: ['牵头单位未匹配到系统中的单位，无法填报：人民银行平阴县支行'],
    });
  });

  it('keeps 长期坚持 tasks ongoing, yellow when a report is missing', () => {
    const ongoing = task({ deadline: null, ongoing: true });
    expect(taskStatus(ongoing, [{ name: '县财政局', reports: filed('2023-07-01') }], '2023-08-20')).toMatchObject({
      status: 'ongoing',
      warning: null,
    });
    expect(taskStatus(ongoing, [{ name: '县财政局', reports: [] }], '2023-09-09')).toMatchObject({ status: 'ongoing', warning: 'yellow' });
  });
});

describe('the assessment score (考核)', () => {
  it('weighs timeliness 40% and completion 60%, a late report or late completion counting half', () => {
    const score = unitScore(
      [
        // August is due by 2023-09-30 (September's window closes on 8 October): filed on time.
        { task: task({ deadline: '2023-09-30', completedOn: '2023-09-30' }), reports: [{ month: '2023-08-01', filedOn: '2023-09-08' }] },
        // Due 2023-08-31, done late; August filed late.
        { task: task({ deadline: '2023-08-31', completedOn: '2023-09-15' }), reports: [{ month: '2023-08-01', filedOn: '2023-09-12' }] },
        // Not due yet; August not filed.
        { task: task(), reports: [] },
      ],
      '2023-09-30',
    );
    expect(score).toMatchObject({ reportsDue: 3, onTime: 1, late: 1, missing: 1, tasksDue: 2, doneOnTime: 1, doneLate: 1 });
    expect(score.timeliness).toBe(50);
    expect(score.completion).toBe(75);
    expect(score.score).toBe(65);
  });

  it('gives full marks for a period that asked nothing', () => {
    expect(unitScore([], '2023-09-30')).toMatchObject({ timeliness: 100, completion: 100, score: 100 });
  });
});
