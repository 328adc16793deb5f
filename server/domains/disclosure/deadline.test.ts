import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../platform/calendar/working-calendar.js';
import { correctionNoticeDeadline, replyDeadline, workingDaysBetween } from './deadline.js';

/**
 * Every expected day below was counted by hand on a paper calendar from the State Council's
 * notices (国务院办公厅关于2023/2024/2025/2026年部分节假日安排的通知), the day of receipt not
 * counted (民法典 第二百零一条). The counts are written out beside each case.
 */
const calendar = new WorkingCalendar();
const reply = (startOn: string, more: Partial<Parameters<typeof replyDeadline>[1]> = {}, today = startOn) =>
  replyDeadline(calendar, { startOn, restartedByCorrection: false, pauses: [], extensionDays: null, ...more }, today);

describe('the reply deadline: 20 working days (第三十三条)', () => {
  it('skips 国庆节 2024 and counts the two 调休 days worked', () => {
    // 9-29 Sun (调休) 1, 9-30 2, 10-1…7 off, 10-8…11 3–6, 10-12 Sat (调休) 7, 10-14…18 8–12,
    // 10-21…25 13–17, 10-28 18, 10-29 19, 10-30 20.
    const d = reply('2024-09-27');
    expect(d.dueOn).toBe('2024-10-30');
    expect(d.explanation).toBe('收到申请 2024-09-27 + 20 个工作日（国庆节 10月1日—7日 不计，9月29日、10月12日 调休上班）= 2024-10-30');
    expect(d.provisional).toBe(false);
  });

  it('skips 春节 2023 (1月21日—27日) and works 1月28日、29日', () => {
    // 1-20 1, 1-21…27 off, 1-28 Sat 2, 1-29 Sun 3, 1-30…2-3 4–8, 2-6…10 9–13, 2-13…17 14–18, 2-20 19, 2-21 20.
    const d = reply('2023-01-19');
    expect(d.dueOn).toBe('2023-02-21');
    expect(d.explanation).toContain('春节 1月21日—27日 不计，1月28日、1月29日 调休上班');
  });

  it('skips 国庆节、中秋节 2025 (10月1日—8日) and works 9月28日、10月11日', () => {
    // 9-28 Sun 1, 9-29 2, 9-30 3, 10-1…8 off, 10-9 4, 10-10 5, 10-11 Sat 6, 10-13…17 7–11,
    // 10-20…24 12–16, 10-27…30 17–20.
    expect(reply('2025-09-26').dueOn).toBe('2025-10-30');
  });

  it('adds a recorded extension of 20 more, across 清明 and 劳动节 2024', () => {
    // 3-4…29: 20 (no holiday in March). 4-1…3 21–23, 4-4…6 off, 4-7 Sun (调休) 24, 4-8…12 25–29,
    // 4-15…19 30–34, 4-22…26 35–39, 4-28 Sun (调休) 40.
    const d = reply('2024-03-01', { extensionDays: 20 });
    expect(d.dueOn).toBe('2024-04-28');
    expect(d.explanation).toMatch(
      /^收到申请 2024-03-01 \+ 20 个工作日 \+ 延长 20 个工作日（清明 4月4日—6日 不计，4月7日、4月28日 调休上班）= 2024-04-28$/,
    );
  });

  it('does not count the working days a consultation took (第三十三条 第三款)', () => {
    // Without it: 2024-03-29. The consultation took 3-12…15: 4 working days. 4-1 21, 4-2 22, 4-3 23,
    // 4-4…6 off, 4-7 Sun (调休) 24.
    const pauses = [{ kind: 'third_party' as const, startedOn: '2024-03-11', endedOn: '2024-03-15' }];
    const d = reply('2024-03-01', { pauses });
    expect(d.dueOn).toBe('2024-04-07');
    expect(d.explanation).toContain('征求第三方意见 4 个工作日（2024-03-11 至 2024-03-15，不计入期限）');
  });

  it('counts a consultation still running up to today', () => {
    const pauses = [{ kind: 'co_agency' as const, startedOn: '2024-03-11', endedOn: null }];
    // 3-12, 3-13: 2 working days so far; 3-29 + 2 = 4-2.
    expect(reply('2024-03-01', { pauses }, '2024-03-13').dueOn).toBe('2024-04-02');
  });

  it('restarts from the day the 补正 arrived (第三十条)', () => {
    // 10-10 1, 10-11 2, 10-12 Sat (调休) 3, 10-14…18 4–8, 10-21…25 9–13, 10-28…11-1 14–18, 11-4 19, 11-5 20.
    const d = reply('2024-10-09', { restartedByCorrection: true });
    expect(d.dueOn).toBe('2024-11-05');
    expect(d.explanation).toMatch(/^收到补正 2024-10-09 \+ 20 个工作日/);
  });

  it('flags a count that reaches into a year without a published arrangement', () => {
    const d = reply('2026-12-20');
    expect(d.provisional).toBe(true);
    expect(d.explanation).toContain('暂按周一至周五计算');
  });

  it("follows the county's own changes to the calendar", () => {
    const county = new WorkingCalendar({ overrides: [{ date: '2024-03-04', kind: 'holiday' }] });
    const d = replyDeadline(county, { startOn: '2024-03-01', restartedByCorrection: false, pauses: [], extensionDays: null }, '2024-03-01');
    expect(d.dueOn).toBe('2024-04-01');
    expect(d.explanation).toContain('3月4日 休息（本县调整）');
  });
});

describe('the 补正 notice: within 7 working days (第三十条)', () => {
  it.each([
    // 4-23 Sun (调休) 1, 4-24…28 2–6, 4-29…5-3 off, 5-4 7.
    ['2023-04-21', '2023-05-04'],
    // 1-26 Sun (调休) 1, 1-27 2, 1-28…2-4 off, 2-5 3, 2-6 4, 2-7 5, 2-8 Sat (调休) 6, 2-10 7.
    ['2025-01-24', '2025-02-10'],
    // 2-13 1, 2-14 Sat (调休) 2, 2-15…23 off, 2-24…27 3–6, 2-28 Sat (调休) 7.
    ['2026-02-12', '2026-02-28'],
  ])('received %s: the notice is due by %s', (receivedOn, due) => {
    expect(correctionNoticeDeadline(calendar, receivedOn).dueOn).toBe(due);
  });
});

describe('working days between two days', () => {
  it('counts the days after the first up to the last', () => {
    expect(workingDaysBetween(calendar, '2024-09-30', '2024-10-08')).toBe(1);
    expect(workingDaysBetween(calendar, '2024-03-11', '2024-03-11')).toBe(0);
  });
});
