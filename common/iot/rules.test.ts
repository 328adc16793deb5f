import { describe, expect, it } from 'vitest';
import { describeRule, effectiveRules, formatDuration, iotRule, type IotRule } from './rules.js';

const base = { id: 1, code: 'co_high', name: '一氧化碳浓度超标', severity: 'critical', enabled: true };
const parse = (fields: Record<string, unknown>) => iotRule.parse({ ...base, ...fields });
const refusal = (fields: Record<string, unknown>) => iotRule.safeParse({ ...base, ...fields }).error?.issues.map((i) => i.message);
const labels = (key: string) =>
  ({ co: { label: '一氧化碳', unit: 'ppm' }, temp: { label: '温度', unit: '℃' }, high_altitude_throw: { label: '高空抛物' } })[key] ?? {
    label: key,
  };

describe('the rule schema', () => {
  it('takes a rule of every kind and fills in the defaults', () => {
    expect(parse({ kind: 'threshold', field: 'co', operator: '>', value: 50, holdSeconds: 30, clearHysteresis: 5 })).toMatchObject({
      holdSeconds: 30,
    });
    expect(parse({ kind: 'repeat', field: 'tilt', operator: '>', value: 30, count: 3, windowSeconds: 300 }).kind).toBe('repeat');
    expect(parse({ kind: 'rate', field: 'temp', change: 8, perSeconds: 60, direction: 'rise' }).kind).toBe('rate');
    expect(parse({ kind: 'event', eventType: 'high_altitude_throw' })).toMatchObject({ clearAfterSeconds: 300 });
    expect(parse({ kind: 'offline', offlineMinutes: 10 }).kind).toBe('offline');
    expect(parse({ kind: 'battery', below: 20 })).toMatchObject({ clearHysteresis: 5 });
    expect(parse({ kind: 'tamper' })).toMatchObject({ field: 'tamper' });
  });

  it('refuses a comparison that does not make sense, in Chinese', () => {
    expect(refusal({ kind: 'threshold', field: 'co', operator: 'between', value: 50 })).toEqual([
      'between 需要 value 和 value2，且 value < value2',
    ]);
    expect(refusal({ kind: 'threshold', field: 'co', operator: 'outside', value: 50, value2: 40 })).toEqual([
      'outside 需要 value 和 value2，且 value < value2',
    ]);
    expect(refusal({ kind: 'threshold', field: 'co', operator: '>', value: true })).toEqual(['> 需要数值 value']);
    expect(refusal({ kind: 'threshold', field: 'co', operator: '>', value: 5, value2: 9 })).toEqual(['value2 只用于 between 和 outside']);
    expect(refusal({ kind: 'threshold', field: 'smoke', operator: '=', value: true, clearHysteresis: 1 })).toEqual([
      'clearHysteresis 只适用于数值比较（>、>=、<、<=、between、outside）',
    ]);
    expect(refusal({ kind: 'threshold', field: 't', operator: 'outside', value: 10, value2: 20, clearHysteresis: 5 })).toEqual([
      'outside 的 clearHysteresis 过大：value + 2 × clearHysteresis 须小于 value2',
    ]);
    expect(refusal({ kind: 'repeat', field: 't', operator: '>', value: 1, count: 1, windowSeconds: 60 })).toEqual([
      'count 须为 2 到 100 之间的整数',
    ]);
    expect(refusal({ kind: 'battery', below: 98 })).toEqual(['below + clearHysteresis 不能超过 100']);
  });

  it('refuses a wrong kind, code or severity, and missing fields, in Chinese', () => {
    expect(refusal({ kind: 'sometimes' })).toEqual(['规则类型须为 threshold、repeat、rate、event、offline、battery 或 tamper']);
    expect(refusal({ kind: 'tamper', code: 'CO High' })).toEqual(['code 只能由字母、数字和下划线组成，以字母开头，不超过 40 个字符']);
    expect(refusal({ kind: 'tamper', severity: 'urgent' })).toEqual(['告警级别须为 critical、major、minor 或 warning']);
    expect(refusal({ kind: 'rate', field: 'temp', change: 0, perSeconds: 7200, direction: 'up' })).toEqual([
      'change 须为大于 0 的数值',
      'perSeconds 须为 1 到 3600 之间的整数',
      'direction 须为 rise、fall 或 any',
    ]);
    expect(refusal({ kind: 'offline' })).toEqual(['offlineMinutes 须为 1 到 10080 之间的整数']);
  });
});

describe('describeRule', () => {
  it('words each kind the way the duty room reads it', () => {
    const describe = (fields: Record<string, unknown>) => describeRule(parse(fields), labels);
    expect(describe({ kind: 'threshold', field: 'co', operator: '>', value: 50, holdSeconds: 30, clearHysteresis: 5 })).toBe(
      '一氧化碳 > 50 ppm 持续 30 秒（回落至 45 ppm 以下解除）',
    );
    expect(describe({ kind: 'threshold', field: 'co', operator: '>=', value: 50, clearHysteresis: 5, clearHoldSeconds: 60 })).toBe(
      '一氧化碳 ≥ 50 ppm（回落至低于 45 ppm 并持续 1 分钟解除）',
    );
    expect(describe({ kind: 'threshold', field: 'temp', operator: 'between', value: 10, value2: 30 })).toBe('温度在 10 ~ 30 ℃ 之间');
    expect(describe({ kind: 'threshold', field: 'temp', operator: 'outside', value: 10, value2: 30, clearHysteresis: 2 })).toBe(
      '温度低于 10 ℃ 或高于 30 ℃（回到 12 ~ 28 ℃ 之间解除）',
    );
    expect(describe({ kind: 'threshold', field: 'smoke', operator: '=', value: true })).toBe('smoke = 是');
    expect(describe({ kind: 'threshold', field: 'door', operator: '!=', value: 'closed', clearHoldSeconds: 90 })).toBe(
      'door ≠ closed（条件消失并持续 1 分 30 秒解除）',
    );
    expect(describe({ kind: 'repeat', field: 'co', operator: '>', value: 50, count: 3, windowSeconds: 300 })).toBe(
      '一氧化碳 > 50 ppm，5 分钟内 3 次',
    );
    expect(describe({ kind: 'rate', field: 'temp', change: 8, perSeconds: 60, direction: 'rise' })).toBe('温度 1 分钟内上升 8 ℃ 以上');
    expect(describe({ kind: 'event', eventType: 'high_altitude_throw' })).toBe('发生“高空抛物”事件（5 分钟无新事件自动解除）');
    expect(describe({ kind: 'offline', offlineMinutes: 10 })).toBe('离线超过 10 分钟');
    expect(describe({ kind: 'offline', offlineMinutes: 120 })).toBe('离线超过 2 小时');
    expect(describeRule(parse({ kind: 'battery', below: 20 }))).toBe('电量 < 20%（回升至 25% 以上解除）');
    expect(describeRule(parse({ kind: 'tamper' }))).toBe('防拆 = 是');
  });

  it('formats durations in the largest whole unit, or in parts', () => {
    expect([formatDuration(45), formatDuration(300), formatDuration(7200), formatDuration(90), formatDuration(3725)]).toEqual([
      '45 秒',
      '5 分钟',
      '2 小时',
      '1 分 30 秒',
      '1 小时 2 分 5 秒',
    ]);
  });
});

describe('effectiveRules', () => {
  const typeRules: IotRule[] = [
    parse({ id: 1, code: 'co_high', kind: 'threshold', field: 'co', operator: '>', value: 50, holdSeconds: 30 }),
    parse({ id: 2, code: 'offline', name: '设备离线', kind: 'offline', offlineMinutes: 10, severity: 'minor' }),
    parse({ id: 3, code: 'battery_low', name: '电量低', kind: 'battery', below: 20, severity: 'warning' }),
  ];

  it('merges an override over the type rule of its code, keeping the type rule’s id', () => {
    const { rules, refused } = effectiveRules(typeRules, [{ id: 90, code: 'co_high', value: 35 }]);
    expect(refused).toEqual([]);
    expect(rules.find((r) => r.code === 'co_high')).toMatchObject({ id: 1, value: 35, holdSeconds: 30, field: 'co' });
    expect(rules).toHaveLength(3);
  });

  it('drops a rule an override disables, and adds one with a new code', () => {
    const tilt = {
      id: 91,
      code: 'tilt',
      name: '井盖倾斜',
      kind: 'threshold',
      severity: 'major',
      enabled: true,
      field: 'tilt',
      operator: '>',
      value: 30,
    };
    const { rules } = effectiveRules(typeRules, [{ code: 'offline', enabled: false }, tilt]);
    expect(rules.map((r) => r.code)).toEqual(['co_high', 'battery_low', 'tilt']);
  });

  it('leaves out a type rule that is disabled unless an override enables it', () => {
    const disabled = [...typeRules, parse({ id: 4, code: 'co_repeat', kind: 'tamper', enabled: false })];
    expect(effectiveRules(disabled, []).rules.map((r) => r.code)).not.toContain('co_repeat');
    expect(effectiveRules(disabled, [{ code: 'co_repeat', enabled: true }]).rules.map((r) => r.code)).toContain('co_repeat');
  });

  it('keeps the type rule and says why when an override does not make a valid rule', () => {
    const { rules, refused } = effectiveRules(typeRules, [
      { code: 'co_high', operator: 'between' },
      { code: 'new_one', kind: 'tamper' },
    ]);
    expect(rules.find((r) => r.code === 'co_high')).toMatchObject({ operator: '>', value: 50 });
    expect(refused).toEqual([
      { code: 'co_high', message: 'between 需要 value 和 value2，且 value < value2' },
      { code: 'new_one', message: 'id 须为整数' },
    ]);
  });
});
