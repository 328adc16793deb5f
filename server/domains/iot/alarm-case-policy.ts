import { z } from 'zod';
import { ALARM_SEVERITIES, type AlarmSeverity } from '../../../common/iot/rules.js';

/**
 * Which alarms open a case, and of what (docs/decisions/030): data in data/iot/device-types.json,
 * read with the device types. A type names its case category (`caseCategory`, a leaf of
 * data/cases/categories.json under 物联感知告警) and, in `alarmCase`, from which severity its
 * alarms open one and who is sent at once; a rule may differ (another category, another
 * severity) or open none (`false`). The case goes through the case engine to the grid of the
 * device's building (its grid workers and the community desk: the engine's dispatch); "property"
 * also tells the estate's property company at the same moment, which acts on the alarm itself.
 */
const code = z.string().regex(/^[a-z][a-z0-9_]*$/, '编码须为小写字母、数字和下划线');
const severity = z.enum(ALARM_SEVERITIES, { error: '级别须为 critical、major、minor 或 warning' });
export const DISPATCH_TARGETS = ['grid', 'property'] as const;
export type DispatchTarget = (typeof DISPATCH_TARGETS)[number];
const dispatch = z
  .array(z.enum(DISPATCH_TARGETS, { error: '派遣对象须为 grid（楼栋所在网格）或 property（小区物业）' }))
  .refine((d) => d.includes('grid'), { message: '派遣对象须含 grid：案件经案件引擎派遣至楼栋所在网格' });

const ruleCase = z.union([
  z.literal(false),
  z.object({ category: code.optional(), from: severity.optional(), dispatch: dispatch.optional() }).strict(),
]);

export const alarmCaseSchema = z
  .object({
    /** The least severe alarm that opens a case. */
    from: severity,
    dispatch,
    rules: z.record(code, ruleCase).optional(),
  })
  .strict();
export type AlarmCaseEntry = z.infer<typeof alarmCaseSchema>;

/** What a device type's file entry says about cases. */
export interface TypeCaseEntry {
  code: string;
  caseCategory?: string;
  alarmCase?: AlarmCaseEntry;
}

/** The case an alarm opens: its category's code and who is sent. */
export interface CasePlan {
  categoryCode: string;
  dispatch: readonly DispatchTarget[];
}

export type AlarmCasePolicy = (typeCode: string, ruleCode: string, severity: AlarmSeverity) => CasePlan | null;

const rank = (s: AlarmSeverity) => ALARM_SEVERITIES.indexOf(s);

/** The policy of the file's types: for an alarm, the case it opens, or null. */
export function alarmCasePolicy(types: readonly TypeCaseEntry[]): AlarmCasePolicy {
  const byType = new Map(types.map((t) => [t.code, t]));
  return (typeCode, ruleCode, alarmSeverity) => {
    const type = byType.get(typeCode);
    if (!type?.caseCategory || !type.alarmCase) return null;
    const rule = type.alarmCase.rules?.[ruleCode];
    if (rule === false) return null;
    const from = rule?.from ?? type.alarmCase.from;
    if (rank(alarmSeverity) > rank(from)) return null;
    return { categoryCode: rule?.category ?? type.caseCategory, dispatch: rule?.dispatch ?? type.alarmCase.dispatch };
  };
}

/** Every case category the file names, to check against the case catalogue at start. */
export const caseCategoriesNamed = (types: readonly TypeCaseEntry[]) =>
  new Set(
    types.flatMap((t) => [
      ...(t.alarmCase && t.caseCategory ? [t.caseCategory] : []),
      ...Object.values(t.alarmCase?.rules ?? {}).flatMap((r) => (r && r.category ? [r.category] : [])),
    ]),
  );
