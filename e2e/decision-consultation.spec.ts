import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, eventually, LAPTOP, launch, login, newPage } from './support/browser.js';
import { checkpoint } from './support/controls.js';
import { heading, navLink } from './support/pages.js';

/**
 * 重大决策预公开: the office lists a decision and puts its draft out for 30 days; a resident,
 * signed in on the H5, comments on /open; the office publishes the comment, and the public page
 * shows it. Each run lists a decision of a fresh title, so a reused server is fine.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const shanghaiDay = (offsetDays = 0) => new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('重大决策预公开: a draft put out for comment', () => {
  it('takes a signed-in resident’s comment and publishes it after review', async () => {
    const title = `城区停车收费管理办法（${Date.now().toString(36)}）`;
    const office = await newPage(browser, LAPTOP);
    await login(office, 'admin', 'county.admin');
    await navLink(office, '重大决策预公开').click();
    await eventually(() => heading(office).textContent()).toBe('重大决策预公开');
    await office.getByRole('button', { name: '列入目录' }).click();
    const form = office.getByRole('dialog', { name: '列入重大决策事项目录' });
    await form.getByLabel('事项名称').fill(title);
    await form.getByLabel('承办单位').fill('县发展改革局');
    await form.getByLabel('决策草案').fill('第一条 为规范城区停车收费行为，制定本办法。');
    await form.getByLabel('起草说明').fill('依据《山东省定价目录》起草。');
    await form.getByLabel('决策背景').fill('城区停车位供需矛盾突出。');
    await form.getByRole('button', { name: '保存' }).click();
    await eventually(() => heading(office).textContent()).toBe(title);

    await office.getByRole('button', { name: '公开征求意见' }).click();
    const period = office.getByRole('dialog', { name: '公开征求意见' });
    // Fewer than 30 days without a reason is refused, and says so.
    await period.getByLabel('开始日期').fill(shanghaiDay());
    await period.getByLabel('开始日期').press('Enter');
    await period.getByLabel('截止日期').fill(shanghaiDay(9));
    await period.getByLabel('截止日期').press('Enter');
    await period.getByRole('button', { name: '保存' }).click();
    await period
      .getByRole('alert')
      .getByText(/不少于 30 日/)
      .waitFor();
    await period.getByLabel('截止日期').fill(shanghaiDay(29));
    await period.getByLabel('截止日期').press('Enter');
    await period.getByRole('button', { name: '保存' }).click();
    await office.getByText('征求意见中').first().waitFor();
    await checkpoint(office, 'decision-01-office-open');

    const phone = await newPage(browser, { viewport: { width: 375, height: 812 } });
    await login(phone, 'm', 'resident.demo');
    await phone.goto(`${baseUrl()}/open/decisions`);
    await phone.getByRole('link', { name: title }).click();
    await eventually(() => heading(phone).textContent()).toBe(title);
    await phone.getByLabel('我的意见').fill('建议夜间 20 时至次日 7 时免费停车');
    await phone.getByRole('button', { name: '提交意见' }).click();
    await phone.getByText('意见已提交，审核后公开。').waitFor();
    await checkpoint(phone, 'decision-02-comment-phone');

    await office.reload();
    await office.getByRole('button', { name: '公开', exact: true }).click();
    await office.getByText('已公开').waitFor();
    await checkpoint(office, 'decision-03-office-reviewed');

    await phone.reload();
    await phone.getByText('建议夜间 20 时至次日 7 时免费停车').waitFor();
    expect(await phone.getByTestId('decision-state').textContent()).toBe('征求意见中');
    await checkpoint(phone, 'decision-04-published-phone');

    // The decision spawns supervised tasks: the list is kept with it and runs in 督查督办.
    await office.getByRole('button', { name: '生成督办任务' }).click();
    const spawn = office.getByRole('dialog', { name: /录入任务清单/ });
    expect(await spawn.getByLabel('清单名称').inputValue()).toBe(`${title} 落实任务`);
    await spawn.getByLabel('工作任务').fill('编制城区停车设施建设计划');
    await spawn.getByLabel('牵头单位').selectOption({ label: '县发展和改革委员会' });
    await spawn.getByRole('button', { name: '保存' }).click();
    await office.getByRole('link', { name: `${title} 落实任务` }).waitFor();
    await checkpoint(office, 'decision-05-tasks');
    await office.getByRole('link', { name: `${title} 落实任务` }).click();
    await eventually(() => heading(office).textContent()).toBe(`${title} 落实任务`);
  });
});
