import { z } from 'zod';

/**
 * The rule language of IoT sensing (物联感知, issue 10): what a device type's rule, and a device's
 * override of it, may say. The server and the admin's rule editor check a rule with the same
 * schema and word it with the same describeRule; what the rules do with readings is
 * server/domains/iot/rules (docs/decisions/026).
 */

export const ALARM_SEVERITIES = ['critical', 'major', 'minor', 'warning'] as const; // 紧急 / 重要 / 次要 / 提示
export type AlarmSeverity = (typeof ALARM_SEVERITIES)[number];

/** An alarm's displayed status, derived from its times (iot/rules/alarm-lifecycle.ts). */
export const ALARM_STATUSES = ['active_unacknowledged', 'acknowledged', 'cleared', 'closed'] as const; // 未确认 / 已确认 / 已解除 / 已关闭
export type AlarmStatus = (typeof ALARM_STATUSES)[number];

/** What people do to an alarm (iot/rules/alarm-lifecycle.ts); `note` only adds a line to its history. */
export const ALARM_ACTIONS = ['acknowledge', 'clear', 'close', 'note'] as const;
export type AlarmAction = (typeof ALARM_ACTIONS)[number];

/** The times that make an alarm's status, in whatever form a side keeps them (epoch ms, ISO strings). */
interface AlarmTimes {
  acknowledgedAt: unknown;
  clearedAt: unknown;
  closedAt: unknown;
}

/**
 * The displayed status. Clearing and acknowledging are separate facts: the condition going away
 * says nothing about whether a person has seen the alarm. So a cleared alarm shows as cleared,
 * and awaitsAcknowledgement says whether someone still has to look at it.
 */
export function alarmStatus(alarm: AlarmTimes): AlarmStatus {
  if (alarm.closedAt != null) return 'closed';
  if (alarm.clearedAt != null) return 'cleared';
  return alarm.acknowledgedAt != null ? 'acknowledged' : 'active_unacknowledged';
}

/** Nobody has acknowledged it and it is not closed, cleared or not: a critical one keeps its popup until someone does. */
export const awaitsAcknowledgement = (alarm: AlarmTimes) => alarm.acknowledgedAt == null && alarm.closedAt == null;

export const RULE_KINDS = ['threshold', 'repeat', 'rate', 'event', 'offline', 'battery', 'tamper'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const OPERATORS = ['>', '>=', '<', '<=', '=', '!=', 'between', 'outside'] as const;
export type Operator = (typeof OPERATORS)[number];
const ORDERING: readonly Operator[] = ['>', '>=', '<', '<='];
const RANGES: readonly Operator[] = ['between', 'outside'];

export const RATE_DIRECTIONS = ['rise', 'fall', 'any'] as const;

/** One telemetry value as a device sends it. */
export type ReadingValue = number | boolean | string;

// ── the schema ─────────────────────────────────────────────────────────────

const DAY_SECONDS = 86_400;
const wholeNumber = (name: string, min: number, max: number) => {
  const message = `${name} 须为 ${min} 到 ${max} 之间的整数`;
  return z.number({ error: message }).int(message).min(min, message).max(max, message);
};
const identifier = (name: string, pattern: RegExp) =>
  z.string({ error: `请填写 ${name}` }).regex(pattern, `${name} 只能由字母、数字和下划线组成，以字母开头，不超过 40 个字符`);
const fieldKey = identifier('field', /^[A-Za-z][A-Za-z0-9_]{0,39}$/);

const ruleBase = {
  id: z.number({ error: 'id 须为整数' }).int('id 须为整数'),
  /** Stable per device type ('smoke', 'co_high'): overrides, alarms and the alarm→case mapping name a rule by it. */
  code: identifier('code', /^[a-z][a-z0-9_]{0,39}$/),
  name: z.string({ error: '请填写规则名称' }).trim().min(1, '请填写规则名称').max(50, '规则名称不超过 50 个字'),
  severity: z.enum(ALARM_SEVERITIES, { error: '告警级别须为 critical、major、minor 或 warning' }),
  enabled: z.boolean({ error: 'enabled 须为 true 或 false' }),
};

const comparisonFields = {
  field: fieldKey,
  operator: z.enum(OPERATORS, { error: '比较方式须为 >、>=、<、<=、=、!=、between 或 outside' }),
  value: z.union([z.number(), z.boolean(), z.string().max(50)], { error: 'value 须为数值、true/false 或不超过 50 字的文字' }),
  value2: z.number({ error: 'value2 须为数值' }).optional(),
};
const hysteresis = z.number({ error: 'clearHysteresis 须为不小于 0 的数值' }).min(0, 'clearHysteresis 须为不小于 0 的数值');

type ComparisonInput = { operator: Operator; value: ReadingValue; value2?: number; clearHysteresis?: number };

function checkComparison(c: ComparisonInput, ctx: z.RefinementCtx) {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  const isRange = RANGES.includes(c.operator);
  if (isRange && !(typeof c.value === 'number' && c.value2 !== undefined && c.value < c.value2))
    issue('value2', `${c.operator} 需要 value 和 value2，且 value < value2`);
  if (!isRange && c.value2 !== undefined) issue('value2', 'value2 只用于 between 和 outside');
  if (ORDERING.includes(c.operator) && typeof c.value !== 'number') issue('value', `${c.operator} 需要数值 value`);
  if (!c.clearHysteresis) return;
  if (!isRange && !ORDERING.includes(c.operator))
    issue('clearHysteresis', 'clearHysteresis 只适用于数值比较（>、>=、<、<=、between、outside）');
  // The clear band of 'outside' is the range narrowed by the margin at both ends; it must stay a range.
  else if (c.operator === 'outside' && typeof c.value === 'number' && c.value + 2 * c.clearHysteresis >= (c.value2 ?? -Infinity))
    issue('clearHysteresis', 'outside 的 clearHysteresis 过大：value + 2 × clearHysteresis 须小于 value2');
}

const thresholdRule = z
  .object({
    ...ruleBase,
    kind: z.literal('threshold'),
    ...comparisonFields,
    holdSeconds: wholeNumber('holdSeconds', 0, DAY_SECONDS).optional(),
    clearHysteresis: hysteresis.optional(),
    clearHoldSeconds: wholeNumber('clearHoldSeconds', 0, DAY_SECONDS).optional(),
  })
  .superRefine(checkComparison);

const repeatRule = z
  .object({
    ...ruleBase,
    kind: z.literal('repeat'),
    ...comparisonFields,
    // One reading in a window is a threshold rule; a repeat rule counts at least two.
    count: wholeNumber('count', 2, 100),
    windowSeconds: wholeNumber('windowSeconds', 1, DAY_SECONDS),
  })
  .superRefine(checkComparison);

const rateRule = z.object({
  ...ruleBase,
  kind: z.literal('rate'),
  field: fieldKey,
  change: z.number({ error: 'change 须为大于 0 的数值' }).positive('change 须为大于 0 的数值'),
  // The engine keeps the readings of one window (rules/rate-window.ts): an hour at most bounds that.
  perSeconds: wholeNumber('perSeconds', 1, 3600),
  direction: z.enum(RATE_DIRECTIONS, { error: 'direction 须为 rise、fall 或 any' }),
});

const eventRule = z.object({
  ...ruleBase,
  kind: z.literal('event'),
  eventType: identifier('eventType', /^[a-z][a-z0-9_]{0,39}$/),
  clearAfterSeconds: wholeNumber('clearAfterSeconds', 1, DAY_SECONDS).default(300),
});

const offlineRule = z.object({ ...ruleBase, kind: z.literal('offline'), offlineMinutes: wholeNumber('offlineMinutes', 1, 7 * 24 * 60) });

const batteryRule = z
  .object({
    ...ruleBase,
    kind: z.literal('battery'),
    below: z
      .number({ error: 'below 须为 1 到 100 之间的百分比' })
      .min(1, 'below 须为 1 到 100 之间的百分比')
      .max(100, 'below 须为 1 到 100 之间的百分比'),
    clearHysteresis: hysteresis.default(5),
  })
  .refine((r) => r.below + r.clearHysteresis <= 100, { message: 'below + clearHysteresis 不能超过 100', path: ['clearHysteresis'] });

const tamperRule = z.object({ ...ruleBase, kind: z.literal('tamper'), field: fieldKey.default('tamper') });

export const iotRule = z.discriminatedUnion(
  'kind',
  [thresholdRule, repeatRule, rateRule, eventRule, offlineRule, batteryRule, tamperRule],
  {
    error: '规则类型须为 threshold、repeat、rate、event、offline、battery 或 tamper',
  },
);
/** A rule as checked (defaults filled in): what the engine evaluates. */
export type IotRule = z.output<typeof iotRule>;
/** A rule as an editor or a device type's data writes it. */
export type IotRuleInput = z.input<typeof iotRule>;
export type ThresholdRule = Extract<IotRule, { kind: 'threshold' }>;
export type RepeatRule = Extract<IotRule, { kind: 'repeat' }>;
export type RateRule = Extract<IotRule, { kind: 'rate' }>;
export type EventRule = Extract<IotRule, { kind: 'event' }>;
export type OfflineRule = Extract<IotRule, { kind: 'offline' }>;
/** Rules that watch a state (a level) rather than count occurrences: they clear when the state goes back. */
export type LevelRule = Extract<IotRule, { kind: 'threshold' | 'battery' | 'tamper' }>;

// ── per-device overrides ───────────────────────────────────────────────────

/** A device's row: same code as a type rule → merged over it; a new code → a whole rule of its own. */
export type RuleOverride = { code: string } & Record<string, unknown>;
export interface EffectiveRules {
  rules: IotRule[];
  /** Overrides that do not make a valid rule: the type's rule stands, and the device page says why. */
  refused: { code: string; message: string }[];
}

/** The rules a device runs: its type's, with its overrides merged, without the disabled ones. */
export function effectiveRules(typeRules: readonly IotRule[], deviceOverrides: readonly RuleOverride[]): EffectiveRules {
  const byCode = new Map<string, IotRule>(typeRules.map((r) => [r.code, r]));
  const refused: EffectiveRules['refused'] = [];
  for (const override of deviceOverrides) {
    const base = byCode.get(override.code);
    // A merged rule keeps its type rule's id, so what is keyed by the rule does not move when an override comes or goes.
    const parsed = iotRule.safeParse(base ? { ...base, ...override, id: base.id } : override);
    if (parsed.success) byCode.set(override.code, parsed.data);
    else refused.push({ code: override.code, message: parsed.error.issues[0].message });
  }
  return { rules: [...byCode.values()].filter((r) => r.enabled), refused };
}

// ── what a comparison means ────────────────────────────────────────────────

export interface Comparison {
  field: string;
  operator: Operator;
  value: ReadingValue;
  value2?: number;
}

/**
 * Whether a value meets the comparison; null when the value cannot be compared (a string where a
 * number is expected, a number against a boolean), which the engine treats as no reading at all.
 * The schema guarantees numbers for the ordering and range operators.
 */
export function matches(c: Comparison, x: ReadingValue): boolean | null {
  if (c.operator === '=' || c.operator === '!=') return typeof x === typeof c.value ? (x === c.value) === (c.operator === '=') : null;
  if (typeof x !== 'number') return null;
  const [low, high] = [c.value as number, c.value2 as number];
  switch (c.operator) {
    case '>':
      return x > low;
    case '>=':
      return x >= low;
    case '<':
      return x < low;
    case '<=':
      return x <= low;
    case 'between':
      return x >= low && x <= high;
    case 'outside':
      return x < low || x > high;
  }
}

/** A level rule as the engine runs it: the comparison that raises, the one that clears, and how long each must hold. */
export interface LevelCondition {
  raise: Comparison;
  clear: Comparison;
  hysteresis: number;
  holdSeconds: number;
  clearHoldSeconds: number;
}

export function levelCondition(rule: LevelRule): LevelCondition {
  const hold = { holdSeconds: 0, clearHoldSeconds: 0 };
  switch (rule.kind) {
    case 'threshold': {
      const raise = { field: rule.field, operator: rule.operator, value: rule.value, value2: rule.value2 };
      const margin = rule.clearHysteresis ?? 0;
      return {
        raise,
        clear: clearComparison(raise, margin),
        hysteresis: margin,
        holdSeconds: rule.holdSeconds ?? 0,
        clearHoldSeconds: rule.clearHoldSeconds ?? 0,
      };
    }
    case 'battery': {
      const raise: Comparison = { field: 'battery', operator: '<', value: rule.below };
      return { raise, clear: clearComparison(raise, rule.clearHysteresis), hysteresis: rule.clearHysteresis, ...hold };
    }
    case 'tamper': {
      const raise: Comparison = { field: rule.field, operator: '=', value: true };
      return { raise, clear: clearComparison(raise, 0), hysteresis: 0, ...hold };
    }
  }
}

/**
 * The condition that clears: the raise condition's negation with its bound moved by the margin
 * towards the safe side. CO > 50 with a margin of 5 clears at CO ≤ 45, which is what
 * "回落至 45 以下" says (民法典 第一千二百五十九条: 以上、以下 include the number itself).
 */
function clearComparison(raise: Comparison, margin: number): Comparison {
  const { field } = raise;
  const [low, high] = [raise.value as number, raise.value2 as number];
  switch (raise.operator) {
    case '>':
      return { field, operator: '<=', value: low - margin };
    case '>=':
      return { field, operator: '<', value: low - margin };
    case '<':
      return { field, operator: '>=', value: low + margin };
    case '<=':
      return { field, operator: '>', value: low + margin };
    case 'between':
      return { field, operator: 'outside', value: low - margin, value2: high + margin };
    case 'outside':
      return { field, operator: 'between', value: low + margin, value2: high - margin };
    case '=':
      return { ...raise, operator: '!=' };
    case '!=':
      return { ...raise, operator: '=' };
  }
}

// ── words ──────────────────────────────────────────────────────────────────

export type FieldLabeller = (key: string) => { label: string; unit?: string };

/** The two fields the rule language itself names; any other field is shown by its key unless the device type labels it. */
const BUILT_IN_FIELDS: Record<string, { label: string; unit?: string }> = {
  battery: { label: '电量', unit: '%' },
  tamper: { label: '防拆' },
};
export const defaultFieldLabel: FieldLabeller = (key) => BUILT_IN_FIELDS[key] ?? { label: key };

export function formatValue(value: ReadingValue, unit = ''): string {
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string') return value;
  const number = String(Math.round(value * 1000) / 1000);
  if (!unit) return number;
  return unit === '%' ? `${number}%` : `${number} ${unit}`;
}

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s >= 3600 && s % 3600 === 0) return `${s / 3600} 小时`;
  if (s >= 60 && s % 60 === 0) return `${s / 60} 分钟`;
  if (s < 60) return `${s} 秒`;
  const parts: [number, string][] = [
    [Math.floor(s / 3600), '小时'],
    [Math.floor((s % 3600) / 60), '分'],
    [s % 60, '秒'],
  ];
  return parts
    .filter(([n]) => n > 0)
    .map(([n, word]) => `${n} ${word}`)
    .join(' ');
}

const SYMBOL: Partial<Record<Operator, string>> = { '>': '>', '>=': '≥', '<': '<', '<=': '≤', '=': '=', '!=': '≠' };
const DIRECTION_ZH = { rise: '上升', fall: '下降', any: '变化' };

function describeComparison(c: Comparison, fieldLabel: FieldLabeller): string {
  const { label, unit } = fieldLabel(c.field);
  const value = (v: ReadingValue) => formatValue(v, unit);
  if (c.operator === 'between') return `${label}在 ${formatValue(c.value)} ~ ${value(c.value2 as number)} 之间`;
  if (c.operator === 'outside') return `${label}低于 ${value(c.value)} 或高于 ${value(c.value2 as number)}`;
  return `${label} ${SYMBOL[c.operator]} ${value(c.value)}`;
}

/** When a level alarm clears, worded only when it is more than the raise condition's going away. */
function describeClear({ clear, hysteresis, clearHoldSeconds }: LevelCondition, fieldLabel: FieldLabeller): string {
  if (!hysteresis && !clearHoldSeconds) return '';
  const { unit } = fieldLabel(clear.field);
  const value = (v: ReadingValue) => formatValue(v, unit);
  const held = clearHoldSeconds ? `并持续 ${formatDuration(clearHoldSeconds)}` : '';
  const band: Partial<Record<Operator, string>> = {
    '<=': `回落至 ${value(clear.value)} 以下`,
    '<': `回落至低于 ${value(clear.value)}`,
    '>=': `回升至 ${value(clear.value)} 以上`,
    '>': `回升至高于 ${value(clear.value)}`,
    outside: `低于 ${value(clear.value)} 或高于 ${value(clear.value2 as number)}`,
    between: `回到 ${formatValue(clear.value)} ~ ${value(clear.value2 as number)} 之间`,
  };
  return `（${[band[clear.operator] ?? '条件消失', held, '解除'].filter(Boolean).reduce(spaced)}）`;
}

/** Chinese words after a number or a unit take a space, as everywhere in these texts ('45 ppm 以下'). */
const spaced = (text: string, next: string) => (/\p{Script=Han}$/u.test(text) ? text + next : `${text} ${next}`);

/** The rule's condition in words, for the rule editor, the device page and the alarm centre's rule column. */
export function describeRule(rule: IotRule, fieldLabel: FieldLabeller = defaultFieldLabel): string {
  switch (rule.kind) {
    case 'threshold':
    case 'battery':
    case 'tamper': {
      const level = levelCondition(rule);
      const held = level.holdSeconds ? ` 持续 ${formatDuration(level.holdSeconds)}` : '';
      return `${describeComparison(level.raise, fieldLabel)}${held}${describeClear(level, fieldLabel)}`;
    }
    case 'repeat':
      return `${describeComparison(rule, fieldLabel)}，${formatDuration(rule.windowSeconds)}内 ${rule.count} 次`;
    case 'rate': {
      const { label, unit } = fieldLabel(rule.field);
      return `${label} ${formatDuration(rule.perSeconds)}内${DIRECTION_ZH[rule.direction]} ${formatValue(rule.change, unit)} 以上`;
    }
    case 'event':
      return `发生“${fieldLabel(rule.eventType).label}”事件（${formatDuration(rule.clearAfterSeconds)}无新事件自动解除）`;
    case 'offline':
      return `离线超过 ${formatDuration(rule.offlineMinutes * 60)}`;
  }
}
