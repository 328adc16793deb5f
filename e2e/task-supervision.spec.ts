import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, apiAs, eventually, LAPTOP, launch, login, newPage } from './support/browser.js';
import { checkpoint, chooseFilesWithKeyboard } from './support/controls.js';
import { heading, loadedTable, navLink, tableRows } from './support/pages.js';

/**
 * 督查督办 (docs/decisions/044): the county office enters a task from a meeting for
 * 县城市管理局 with 榆山街道; the bureau's handler finds it under 我的任务, files the month's
 * progress with an evidence file; the office sees the report, the file and the status on the
 * list, and sends a 催办. 1366×768, keyboard and axe checked at each step.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('a unit reports its monthly progress and the office sees it', () => {
  it('files a report with evidence as 县城市管理局, read and reminded by the office', async () => {
    const office = await apiAs('county.admin');
    const assignees = await office.get<{ units: { id: number; name: string }[]; towns: { id: number; name: string }[] }>(
      '/api/task-assignees',
    );
    const chengguan = assignees.body.units.find((u) => u.name === '县城市管理局');
    const yushan = assignees.body.towns.find((u) => u.name === '榆山街道');
    expect(chengguan && yushan).toBeTruthy();
    const stamp = Date.now().toString(36);
    const title = `县政府常务会议议定事项 ${stamp}`;
    const deadline = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
    const created = await office.post<{ id: number }>('/api/task-lists', {
      title,
      tasks: [
        {
          task: `开展废弃汽车专项整治 ${stamp}`,
          requirement: '对道路范围外停放、影响市容环境的废弃汽车组织清理，每月报送整治进展。',
          deadline,
          units: [{ orgUnitId: chengguan!.id }, { regionId: yushan!.id }],
        },
      ],
    });
    expect(created.status).toBe(201);

    // The bureau: 我的任务 → the task → the report form.
    const page = await newPage(browser, LAPTOP);
    await login(page, 'admin', 'chengguan.handler');
    await navLink(page, '我的任务').click();
    await eventually(() => heading(page).textContent()).toBe('我的任务');
    const mine = await loadedTable(page, '我的任务');
    await mine.getByRole('link', { name: `开展废弃汽车专项整治 ${stamp}` }).waitFor();
    const row = (await tableRows(mine)).find((r) => r['工作任务'].includes(stamp));
    expect(row).toMatchObject({ 牵头单位: '县城市管理局', 状态: '未开始' });
    await checkpoint(page, 'tasks-1-my-tasks');

    await mine.getByRole('link', { name: `开展废弃汽车专项整治 ${stamp}` }).click();
    await eventually(() => heading(page).textContent()).toBe(`1. 开展废弃汽车专项整治 ${stamp}`);
    const form = page.getByRole('form', { name: '填报本单位月度进展' });
    await form.getByLabel('进展情况').fill('排查废弃汽车12辆，已自行清理5辆，其余依法分类处置中。');
    const evidence = path.join(ARTIFACTS, `tasks-evidence-${stamp}.pdf`);
    writeFileSync(evidence, '%PDF-1.4 废弃汽车整治照片');
    await chooseFilesWithKeyboard(form.getByRole('button', { name: /将文件拖到此处/ }), evidence);
    await form.getByText(`tasks-evidence-${stamp}.pdf`).waitFor();
    await checkpoint(page, 'tasks-2-report-form');
    await form.getByRole('button', { name: '提交进展' }).click();
    const reports = page
      .getByRole('region', { name: '进展报告' })
      .or(page.locator('section', { has: page.getByRole('heading', { name: '进展报告' }) }));
    await reports.getByText('排查废弃汽车12辆').waitFor();
    await reports.getByRole('link', { name: `tasks-evidence-${stamp}.pdf` }).waitFor();
    await checkpoint(page, 'tasks-3-reported');

    // The office: the list shows the task on track with the latest progress; the task shows the report and its file.
    const desk = await newPage(browser, LAPTOP);
    await login(desk, 'admin', 'county.admin');
    await navLink(desk, '任务清单').click();
    await eventually(() => heading(desk).textContent()).toBe('任务清单');
    await (await loadedTable(desk, '任务清单')).getByRole('link', { name: title }).click();
    await eventually(() => heading(desk).textContent()).toBe(title);
    const tasks = await loadedTable(desk, title);
    await eventually(async () => (await tableRows(tasks))[0]?.['最新进展']).toContain('排查废弃汽车12辆');
    expect((await tableRows(tasks))[0]['状态']).toBe('正常推进');
    await checkpoint(desk, 'tasks-4-office-list');

    await tasks.getByRole('link', { name: `开展废弃汽车专项整治 ${stamp}` }).click();
    await desk.getByText('排查废弃汽车12辆').waitFor();
    const action = desk.getByRole('form', { name: '催办 / 督办通知' });
    await action.getByLabel('内容').fill('请于每月8日前报送上月整治进展');
    await action.getByRole('button', { name: '发送' }).click();
    await desk.getByText('请于每月8日前报送上月整治进展', { exact: false }).last().waitFor();
    await checkpoint(desk, 'tasks-5-office-task');

    // The bureau reads the reminder in its 催办督办记录.
    await navLink(page, '催办督办记录').click();
    await eventually(() => heading(page).textContent()).toBe('催办督办记录');
    const log = await loadedTable(page, '催办督办记录');
    await eventually(async () => (await tableRows(log)).find((r) => r['工作任务'].includes(stamp))?.['内容']).toBe(
      '请于每月8日前报送上月整治进展',
    );
    await checkpoint(page, 'tasks-8-reminder-log');
  }, 180_000);

  it("enters a list from a meeting by hand, its lead and co-units picked from the county's units and towns", async () => {
    const page = await newPage(browser, LAPTOP);
    await login(page, 'admin', 'county.admin');
    await navLink(page, '任务清单').click();
    await page.getByRole('button', { name: '录入任务清单' }).click();
    const dialog = page.getByRole('dialog', { name: /录入任务清单/ });
    const stamp = Date.now().toString(36);
    await dialog.getByLabel('清单名称').fill(`县政府第12次常务会议议定事项 ${stamp}`);
    await dialog.getByLabel('工作任务').fill('制定财政资金数字人民币拨付办法');
    await dialog.getByLabel('牵头单位').selectOption({ label: '县财政局' });
    await dialog.getByLabel('配合单位').selectOption([{ label: '县金融事业发展中心' }, { label: '锦水街道' }]);
    await checkpoint(page, 'tasks-6-create-list');
    await dialog.getByRole('button', { name: '保存' }).click();
    await eventually(() => heading(page).textContent()).toBe(`县政府第12次常务会议议定事项 ${stamp}`);
    const table = await loadedTable(page, `县政府第12次常务会议议定事项 ${stamp}`);
    await table.getByRole('link', { name: '制定财政资金数字人民币拨付办法' }).click();
    await page.getByText('县金融事业发展中心').first().waitFor();
    await page.getByText('锦水街道').first().waitFor();

    // The office corrects the task: the page shows the change.
    await page.getByRole('button', { name: '修改任务' }).click();
    const edit = page.getByRole('dialog', { name: '修改任务' });
    await edit.getByLabel('具体要求').fill('10月底前印发拨付办法，明确数币拨付的范围和流程。');
    await edit.getByLabel('完成时限（文字）').fill('10月底前');
    await checkpoint(page, 'tasks-7-edit-task');
    await edit.getByRole('button', { name: '保存' }).click();
    await page.getByText('10月底前印发拨付办法').waitFor();
  }, 120_000);
});
