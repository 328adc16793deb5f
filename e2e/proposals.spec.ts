import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiAs, eventually, LAPTOP, launch, login, newPage } from './support/browser.js';
import { checkpoint } from './support/controls.js';
import { definition, heading, navLink } from './support/pages.js';

/**
 * A proposal from assignment to the unit's reply to the proposer's feedback form (附件5): the
 * office (county.admin) assigns it to 县城市管理局 and sees the reply deadline with how it was
 * counted; the unit (chengguan.handler) finds it in its inbox and replies with a numbered
 * document; the office records the form, and the proposal is closed with the form laid out as
 * printed. Registered and filed through the API, with a fresh session and number each run.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('提案办理: assignment → reply → 反馈表', () => {
  it('goes from the office to the unit and back, closed by a satisfied form', async () => {
    const office = await apiAs('county.admin');
    const term = 10 + Math.floor(Math.random() * 80);
    const session = await office.post<{ items: { id: number; term: number; body: string }[] }>('/api/proposal-sessions', {
      body: 'npc',
      term,
      sessionNumber: 1 + Math.floor(Math.random() * 9),
    });
    expect([201, 409]).toContain(session.status);
    const sessions = await office.get<{ items: { id: number; body: string; term: number }[] }>('/api/proposal-sessions');
    const sessionId = sessions.body.items.find((s) => s.body === 'npc' && s.term === term)!.id;
    const number = String(Date.now()).slice(-7);
    const registered = await office.post<{ id: number }>('/api/proposals', {
      sessionId,
      kind: 'suggestion',
      number,
      title: '关于加快智慧社区建设的建议',
      content: '建议加快智慧社区建设，完善社区服务。',
      category: '城乡建设',
      proposers: ['白咸勇', '徐坤', '常伟青'],
    });
    expect(registered.status).toBe(201);
    const id = registered.body.id;
    expect((await office.post(`/api/proposals/${id}/review`, { decision: 'file' })).status).toBe(200);

    // The office assigns it to 县城市管理局 (单办).
    const desk = await newPage(browser, LAPTOP);
    await login(desk, 'admin', 'county.admin');
    await navLink(desk, '提案建议').click();
    await eventually(() => heading(desk).textContent()).toBe('提案建议');
    await desk.getByRole('link', { name: number, exact: true }).waitFor();
    await checkpoint(desk, 'proposals-0-list');
    await desk.getByRole('link', { name: number, exact: true }).click();
    await eventually(() => heading(desk).textContent()).toContain(`第${number}号`);
    await desk.getByRole('button', { name: '交办', exact: true }).click();
    const assign = desk.getByRole('dialog', { name: '交办' });
    await assign.getByRole('combobox', { name: '主办单位' }).fill('城市管理');
    await desk.getByRole('option', { name: '县城市管理局', exact: true }).click();
    await assign.getByRole('button', { name: '保存' }).click();
    await assign.waitFor({ state: 'hidden' });
    await eventually(() => definition(desk, '状态').textContent()).toBe('办理中');
    await expect
      .poll(() =>
        desk
          .getByText(/起 3 个月，至 \d{4}-\d{2}-\d{2}/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    await checkpoint(desk, 'proposals-1-assigned');

    // The unit finds it in its inbox and replies.
    const unit = await newPage(browser, LAPTOP);
    await login(unit, 'admin', 'chengguan.handler');
    await navLink(unit, '待办提案').click();
    await eventually(() => heading(unit).textContent()).toBe('本单位待办提案');
    await unit.getByRole('link', { name: number, exact: true }).waitFor();
    await checkpoint(unit, 'proposals-1-inbox');
    await unit.getByRole('link', { name: number, exact: true }).click();
    await unit.getByRole('button', { name: '答复', exact: true }).click();
    const reply = unit.getByRole('dialog', { name: '答复' });
    await reply.getByLabel('答复文号').fill('平城管字〔2026〕9号');
    await reply.getByLabel('答复内容').fill('您提出的关于《关于加快智慧社区建设的建议》的建议收悉。现答复如下：……');
    await reply.getByLabel('联系人', { exact: true }).fill('王明');
    await reply.getByRole('button', { name: '保存' }).click();
    await reply.waitFor({ state: 'hidden' });
    await eventually(() => definition(unit, '状态').textContent()).toBe('已答复');
    await eventually(() => definition(unit, '答复文号').first().textContent()).toBe('平城管字〔2026〕9号');
    await checkpoint(unit, 'proposals-2-replied');

    // The unit sends 附件6 with its reply: four criteria of 20 / 30 / 30 / 20 points.
    await unit.getByRole('button', { name: '填写质量评议表', exact: true }).click();
    const evaluation = unit.getByRole('dialog', { name: '填写质量评议表' });
    for (const [criterion, score] of [
      ['提案的选题', '18'],
      ['提案反映的情况', '25'],
      ['提案的建议可行性强', '27'],
      ['提案的格式规范', '20'],
    ]) {
      const box = evaluation.getByRole('spinbutton', { name: new RegExp(`^${criterion}`) });
      await box.fill(score);
      await box.press('Tab');
    }
    await expect
      .poll(async () => (await evaluation.getByRole('row', { name: /总分/ }).textContent())?.replace(/\s+/g, ''))
      .toBe('总分10090');
    await checkpoint(unit, 'proposals-2b-evaluation-form');
    await evaluation.getByRole('button', { name: '保存' }).click();
    await evaluation.waitFor({ state: 'hidden' });
    const sheet6 = unit.getByRole('table', { name: '县政协委员提案质量评议表' });
    await expect
      .poll(async () => (await sheet6.getByRole('row', { name: /^总分/ }).textContent())?.replace(/\s+/g, ''))
      .toBe('总分100分90');

    // The office records the proposer's form: 满意 closes it.
    await desk.reload();
    await desk.getByRole('button', { name: '登记反馈表', exact: true }).click();
    const form = desk.getByRole('dialog', { name: '登记反馈表' });
    // Element's radio draws its circle over the input; the circle is part of the label, so a forced click checks it.
    await form.getByRole('radio', { name: '面商' }).check({ force: true });
    await form.getByRole('radio', { name: '针对性强' }).check({ force: true });
    await form.getByRole('radio', { name: '满意', exact: true }).check({ force: true });
    await form.getByRole('radio', { name: /^A/ }).check({ force: true });
    await checkpoint(desk, 'proposals-3-feedback-form');
    await form.getByRole('button', { name: '保存' }).click();
    await form.waitFor({ state: 'hidden' });
    await eventually(() => definition(desk, '状态').textContent()).toBe('已办结');
    const sheet = desk.getByRole('table', { name: '县政协委员提案办理答复反馈表' });
    await expect
      .poll(async () => (await sheet.getByRole('row').filter({ hasText: '满意度' }).textContent())?.replace(/\s+/g, ''))
      .toContain('满意√');
    await checkpoint(desk, 'proposals-4-closed');

    await navLink(desk, '办理统计').click();
    await eventually(() => heading(desk).textContent()).toBe('提案建议办理统计');
    await desk.getByRole('table', { name: '各承办单位' }).getByText('县城市管理局').first().waitFor();
    await checkpoint(desk, 'proposals-5-statistics');
  }, 240_000);
});
