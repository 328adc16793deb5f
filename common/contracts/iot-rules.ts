import { z } from 'zod';
import { timestamp } from './shared.js';
import { deviceTypeField } from './iot-devices.js';
import type { FieldLabeller } from '../iot/rules.js';

/**
 * Alarm rules as administrators edit them (规则设置, server/domains/iot/rule-settings.*,
 * docs/decisions/032): a device type's rules, and one device's overrides of them. A rule's body is
 * the rule language of common/iot/rules.ts; the server checks every body with `iotRule` (Chinese
 * messages, 400 RULE_INVALID with the field) after merging it with what it overrides, so the
 * contract here only carries it.
 */

const code = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, '编码只能由小写字母、数字和下划线组成')
  .describe('编码');

export const typeRuleParams = z.object({ code, ruleCode: code });
export const deviceRuleParams = z.object({ id: z.coerce.number().int().positive(), ruleCode: code });

/** A rule as stored and checked: common/iot/rules.ts IotRule (its kind's own fields pass through). */
export const storedRule = z
  .object({ code: z.string(), name: z.string(), kind: z.string(), severity: z.string(), enabled: z.boolean() })
  .passthrough();
export type StoredRule = z.infer<typeof storedRule>;

/** Who changed a rule last, and when; null for one as the device-type file has it. */
const changed = {
  updatedAt: timestamp,
  updatedBy: z.string().nullable(),
};

export const typeRuleItem = z.object({
  code: z.string(),
  rule: storedRule,
  /** The condition in words: "一氧化碳 > 50 ppm 持续 30 秒（回落至 45 ppm 以下解除）". */
  description: z.string(),
  /** Edited in the admin: the device-type file no longer resets it (device-types.ts). */
  edited: z.boolean(),
  ...changed,
});

export const typeRules = z.object({
  typeCode: z.string(),
  typeName: z.string(),
  category: z.string(),
  fields: z.array(deviceTypeField),
  events: z.array(z.object({ type: z.string(), label: z.string() })),
  rules: z.array(typeRuleItem),
  /** The viewer may edit these rules (iot.configure, county-wide); a device's overrides are on its page. */
  editable: z.boolean(),
});
export type TypeRules = z.infer<typeof typeRules>;
export type TypeRuleItem = z.infer<typeof typeRuleItem>;

/**
 * A type rule, whole, as the editor sends it: every field of its kind but `id` and `code` (the
 * URL names the rule). Checked with iotRule on the server.
 */
export const typeRuleBody = z.object({}).passthrough().describe('规则（common/iot/rules.ts 的 iotRule，不含 id 与 code）');

/**
 * What a device changes of its type's rule: only the keys it overrides (enabled, severity, value,
 * holdSeconds…), never kind, code or id. The merge of the type's rule and these keys must be a
 * valid rule. Keys equal to the type rule's are not kept, so a later change of the type rule
 * still reaches the device for every key it did not override.
 */
export const ruleOverrideBody = z
  .object({})
  .passthrough()
  .describe('覆盖的字段（如 enabled、severity、value、holdSeconds），不含 kind、code、id');

export const deviceRuleItem = z.object({
  code: z.string(),
  /** The type's rule; null for a rule the device has alone. */
  typeRule: storedRule.nullable(),
  /** The keys this device overrides, as stored; null without an override. */
  override: z.record(z.string(), z.unknown()).nullable(),
  /** What runs for this device (the type's rule with the override merged), enabled or not. */
  effective: storedRule,
  description: z.string(),
  /** An override that no longer makes a valid rule (its type rule changed under it): the type's rule runs, and this says why. */
  refused: z.string().nullable(),
  overrideUpdatedAt: timestamp.nullable(),
  overrideUpdatedBy: z.string().nullable(),
});
export type DeviceRuleItem = z.infer<typeof deviceRuleItem>;

export const deviceRules = z.object({
  deviceId: z.number().int(),
  typeCode: z.string(),
  typeName: z.string(),
  fields: z.array(deviceTypeField),
  events: z.array(z.object({ type: z.string(), label: z.string() })),
  rules: z.array(deviceRuleItem),
  /** The viewer may set and remove this device's overrides (iot.configure, the device in scope). */
  editable: z.boolean(),
});
export type DeviceRules = z.infer<typeof deviceRules>;

/** A device type's words for its fields and events (一氧化碳, ppm; 电梯故障), for describeRule on the server and in the editor. */
export function typeLabeller(
  fields: readonly { key: string; label: string; unit?: string }[],
  events: readonly { type: string; label: string }[],
): FieldLabeller {
  const byKey = new Map<string, { label: string; unit?: string }>();
  for (const f of fields) byKey.set(f.key, { label: f.label, unit: f.unit });
  for (const e of events) byKey.set(e.type, { label: e.label });
  return (key) => byKey.get(key) ?? { label: key };
}
