import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, auditActionLabel, auditSentence } from './audit-words.js';

describe('the audit log in words', () => {
  it('says who, then what, about whom, with the reason when one was given', () => {
    expect(auditSentence('张三', 'read_special_groups', { subject: '李四', detail: {} })).toBe('张三 查看了 李四 的特殊人群信息');
    expect(auditSentence('张三', 'read_special_groups', { subject: '李四', detail: { reason: ' 入户走访核实 ' } })).toBe(
      '张三 查看了 李四 的特殊人群信息（原因：入户走访核实）',
    );
  });

  it('puts the system in when no one acted, and joins "的" lines without a space', () => {
    expect(auditSentence(null, 'export_residents_aborted', { subject: '', detail: { rows: 120, reason: 'client_closed' } })).toBe(
      '系统的导出居民中断（下载被取消，已写出 120 行）',
    );
  });

  it('says what a search found nothing for, and which month a report was', () => {
    expect(auditSentence('张三', 'av_owner_lookup', { subject: '鲁A1****5', detail: { found: true } })).toBe(
      '张三 按号牌查询了车辆 鲁A1****5 的所有人',
    );
    expect(auditSentence('张三', 'av_owner_lookup', { subject: '', detail: { found: false } })).toBe(
      '张三 按号牌查询了车辆所有人（车辆登记信息中没有这个号牌）',
    );
    expect(auditSentence('张三', 'export_av_monthly_report', { subject: '', detail: { period: 'month', key: '2026-11' } })).toBe(
      '张三 导出了 2026-11 的废弃车辆整治月报',
    );
  });

  it('names an action it has no words for by its code, so a new action is never hidden', () => {
    expect(auditActionLabel('reveal_something_new')).toBe('reveal_something_new');
    expect(auditSentence('张三', 'reveal_something_new', { subject: '李四', detail: {} })).toBe(
      '张三 执行了操作 reveal_something_new（李四）',
    );
  });

  it('gives every action in the table a Chinese label and words without holes', () => {
    for (const [action, words] of Object.entries(AUDIT_ACTIONS)) {
      expect(words.label, action).toMatch(/\p{Script=Han}/u);
      expect(words.words({ subject: '某人', detail: {} }), action).not.toMatch(/undefined|NaN/);
    }
  });

  it('has words for every action the server writes to the log (a prefix for the actions a workflow names by its step)', () => {
    const server = path.resolve(import.meta.dirname, '../server');
    const sources = readdirSync(server, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
      .map((file) => readFileSync(path.join(server, file), 'utf8'));
    const written = new Set(
      sources.flatMap((source) => [...source.matchAll(/(?:audit|writeAudit)\([^;]{0,200}?action: ['`]([a-z_0-9]+)/gs)].map((m) => m[1])),
    );
    expect(written.size).toBeGreaterThan(60);
    const known = Object.keys(AUDIT_ACTIONS);
    const unworded = [...written].filter(
      (action) => !(action in AUDIT_ACTIONS) && !known.some((k) => action.endsWith('_') && k.startsWith(action)),
    );
    expect(unworded).toEqual([]);
  });
});
