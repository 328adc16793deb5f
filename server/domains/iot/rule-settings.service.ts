import type { z } from 'zod';
import { describeRule, effectiveRules, iotRule, type IotRule } from '../../../common/iot/rules.js';
import {
  typeLabeller,
  type DeviceRuleItem,
  type DeviceRules,
  type StoredRule,
  type TypeRules,
} from '../../../common/contracts/iot-rules.js';
import type { AuditEntry } from '../../platform/audit.js';
import { can, type Viewer } from '../../platform/auth/viewer.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import type { RuleSettingsRepository } from './rule-settings.repository.js';

/**
 * 规则设置 (docs/decisions/032). A device type's rules hold for every device of the type in the
 * county, so only a county-wide administrator edits them; a community's administrator tunes one
 * device of theirs with an override (a smoke detector over a kitchen door, a gas sensor that
 * needs a longer hold). Every body is checked with the rule language's own schema after merging
 * it with what it changes, so a rule that runs is always one `iotRule` accepts. Each change is
 * audited, and a change to when a rule fires starts that rule's condition over on the devices it
 * reaches (restartCondition), keeping an open alarm open until the new condition clears it.
 */
export interface RuleSettingsDeps {
  rules: RuleSettingsRepository;
  audit: (entry: AuditEntry) => Promise<unknown>;
  transaction: <T>(work: (deps: RuleSettingsDeps) => Promise<T>) => Promise<T>;
}

/** Type rules apply county-wide: edited by a county-level account with iot.configure. */
export const editsTypeRules = (viewer: Viewer) => can(viewer, 'iot.configure') && viewer.regionLevel === 'county';

/** What says who, not when: a change of only these leaves a rule's running condition as it is. */
const WORDING_KEYS = new Set(['id', 'name', 'severity', 'enabled']);
/** What an override may not change: which rule it is and what kind of rule. */
const FIXED_KEYS = ['id', 'code', 'kind'] as const;

type RuleRow = Awaited<ReturnType<RuleSettingsRepository['typeRules']>>[number];

export async function typeRulesOf(deps: RuleSettingsDeps, viewer: Viewer, typeCode: string): Promise<TypeRules> {
  const type = await deps.rules.type(typeCode);
  if (!type) throw notFound('设备类型');
  const words = typeLabeller(type.fields, type.events);
  const rows = await deps.rules.typeRules(typeCode);
  return {
    typeCode: type.code,
    typeName: type.name,
    category: type.category,
    fields: type.fields,
    events: type.events,
    editable: editsTypeRules(viewer),
    rules: rows.flatMap((row) => {
      const parsed = iotRule.safeParse({ ...row.definition, id: row.id, code: row.code });
      // A rule the schema refuses never runs (rules-for-devices.ts skips it); the editor shows it as it is, to be corrected.
      const rule = parsed.success ? parsed.data : null;
      return [
        {
          code: row.code,
          rule: stored(rule ?? { ...row.definition, code: row.code }),
          description: rule ? describeRule(rule, words) : '规则无效，未在运行，请修改后保存',
          edited: row.edited,
          updatedAt: row.updated_at.toISOString(),
          updatedBy: row.updated_by_name,
        },
      ];
    }),
  };
}

/** Replaces a type's rule with `body` (the whole rule, its kind's fields, without id and code). */
export async function editTypeRule(
  deps: RuleSettingsDeps,
  viewer: Viewer,
  typeCode: string,
  ruleCode: string,
  body: Record<string, unknown>,
): Promise<TypeRules> {
  if (!editsTypeRules(viewer))
    throw new AppError(403, 'TYPE_RULES_COUNTY_ONLY', '设备类型的规则全县通用，只有县级管理员可以修改；单台设备的规则请在设备详情页设置');
  if (body.code !== undefined && body.code !== ruleCode)
    throw invalid('RULE_CODE_FIXED', '规则编码不能修改', fieldError('code', '规则编码不能修改'));
  await deps.transaction(async (tx) => {
    const current = await tx.rules.lockTypeRule(typeCode, ruleCode);
    if (!current) throw notFound('规则');
    const rule = checked({ ...withoutFixed(body, ['id', 'code']), id: current.id, code: ruleCode });
    const before = iotRule.safeParse({ ...current.definition, id: current.id, code: ruleCode });
    await tx.rules.updateTypeRule(current.id, JSON.stringify(definitionOf(rule)), viewer.userId);
    if (!before.success || conditionChanged(before.data, rule)) await tx.rules.restartCondition(ruleCode, { typeCode });
    await tx.audit({
      action: 'edit_iot_rule',
      entity: 'iot_rule',
      entityId: current.id,
      detail: { typeCode, code: ruleCode, name: rule.name, changed: before.success ? changedKeys(before.data, rule) : ['kind'] },
    });
  });
  return typeRulesOf(deps, viewer, typeCode);
}

export async function deviceRulesOf(deps: RuleSettingsDeps, viewer: Viewer, deviceId: number): Promise<DeviceRules> {
  const device = await deps.rules.device(deviceId);
  if (!device) throw notFound('设备');
  const type = (await deps.rules.type(device.type_code))!;
  const words = typeLabeller(type.fields, type.events);
  const typeRules = parsedTypeRules(await deps.rules.typeRules(device.type_code));
  const overrides = await deps.rules.overrides(deviceId);
  const byCode = new Map(overrides.map((o) => [o.code, o]));
  const codes = [...typeRules.keys(), ...overrides.map((o) => o.code).filter((c) => !typeRules.has(c))];
  return {
    deviceId,
    typeCode: type.code,
    typeName: type.name,
    fields: type.fields,
    events: type.events,
    editable: can(viewer, 'iot.configure'),
    rules: codes.flatMap((code): DeviceRuleItem[] => {
      const typeRule = typeRules.get(code) ?? null;
      const override = byCode.get(code);
      const merged = mergedRule(typeRule, override?.definition);
      const effective = merged.rule ?? typeRule;
      if (!effective) return []; // a device's own rule that is not valid, with no type rule to fall back on: nothing runs
      return [
        {
          code,
          typeRule: typeRule && stored(typeRule),
          override: override?.definition ?? null,
          effective: stored(effective),
          description: describeRule(effective, words),
          refused: merged.refused,
          overrideUpdatedAt: override?.updated_at.toISOString() ?? null,
          overrideUpdatedBy: override?.updated_by_name ?? null,
        },
      ];
    }),
  };
}

/**
 * Sets this device's override of a type rule to the keys of `body` that differ from the type's
 * rule; with none left, the override is removed (the device follows its type again).
 */
export async function setDeviceOverride(
  deps: RuleSettingsDeps,
  viewer: Viewer,
  deviceId: number,
  ruleCode: string,
  body: Record<string, unknown>,
): Promise<DeviceRules> {
  const fixed = FIXED_KEYS.find((key) => key in body);
  if (fixed) throw invalid('RULE_KEY_FIXED', `单台设备不能修改规则的 ${fixed}`, fieldError(fixed, `单台设备不能修改规则的 ${fixed}`));
  await deps.transaction(async (tx) => {
    const device = await tx.rules.device(deviceId);
    if (!device) throw notFound('设备');
    const typeRule = parsedTypeRules(await tx.rules.typeRules(device.type_code)).get(ruleCode);
    if (!typeRule) throw notFound('规则');
    const unknown = Object.keys(body).find((key) => !ruleKeys(typeRule.kind).has(key));
    if (unknown) throw invalid('RULE_KEY_UNKNOWN', `该类规则没有 ${unknown} 这一项`, fieldError(unknown, `该类规则没有 ${unknown} 这一项`));
    const rule = checked({ ...typeRule, ...body, id: typeRule.id, code: ruleCode });
    const override = Object.fromEntries(
      Object.keys(body).flatMap((key) => (same(rule, typeRule, key) ? [] : [[key, rule[key as keyof IotRule]]])),
    );
    const previous = (await tx.rules.overrides(deviceId)).find((o) => o.code === ruleCode);
    const before = mergedRule(typeRule, previous?.definition).rule ?? typeRule;
    if (Object.keys(override).length === 0) await tx.rules.deleteOverride(deviceId, ruleCode);
    else
      await tx.rules.upsertOverride({
        typeCode: device.type_code,
        deviceId,
        code: ruleCode,
        definition: JSON.stringify(override),
        userId: viewer.userId,
      });
    if (conditionChanged(before, rule)) await tx.rules.restartCondition(ruleCode, { deviceId });
    await tx.audit({
      action: 'override_device_rule',
      entity: 'iot_device',
      entityId: deviceId,
      detail: { serial: device.serial, code: ruleCode, name: rule.name, override },
    });
  });
  return deviceRulesOf(deps, viewer, deviceId);
}

/** Removes this device's override: the type's rule runs for it again. */
export async function removeDeviceOverride(
  deps: RuleSettingsDeps,
  viewer: Viewer,
  deviceId: number,
  ruleCode: string,
): Promise<DeviceRules> {
  await deps.transaction(async (tx) => {
    const device = await tx.rules.device(deviceId);
    if (!device) throw notFound('设备');
    const removed = await tx.rules.deleteOverride(deviceId, ruleCode);
    if (!removed) throw notFound('该规则的设备设置');
    const typeRule = parsedTypeRules(await tx.rules.typeRules(device.type_code)).get(ruleCode);
    const before = mergedRule(typeRule ?? null, removed.definition).rule;
    if (!typeRule || !before || conditionChanged(before, typeRule)) await tx.rules.restartCondition(ruleCode, { deviceId });
    await tx.audit({
      action: 'remove_device_rule_override',
      entity: 'iot_device',
      entityId: deviceId,
      detail: { serial: device.serial, code: ruleCode },
    });
  });
  return deviceRulesOf(deps, viewer, deviceId);
}

// ── helpers ────────────────────────────────────────────────────────────────

/** The body as a rule, or 400 RULE_INVALID with the schema's Chinese words and the field. */
function checked(candidate: Record<string, unknown>): IotRule {
  const parsed = iotRule.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((issue: z.core.$ZodIssue) => ({
    field: ['body', ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  throw invalid('RULE_INVALID', `规则有误：${fields[0].message}`, { fields });
}

const fieldError = (field: string, message: string) => ({ fields: [{ field: `body.${field}`, message }] });

function withoutFixed(body: Record<string, unknown>, keys: readonly string[]) {
  return Object.fromEntries(Object.entries(body).filter(([key]) => !keys.includes(key)));
}

/** What is stored in iot_rules.definition: the rule without its row's id. */
function definitionOf(rule: IotRule) {
  const { id: _id, ...definition } = rule;
  return definition;
}

const stored = (rule: IotRule | Record<string, unknown>) => definitionOf(rule as IotRule) as StoredRule;

function parsedTypeRules(rows: RuleRow[]) {
  const rules = new Map<string, IotRule>();
  for (const row of rows) {
    const parsed = iotRule.safeParse({ ...row.definition, id: row.id, code: row.code });
    if (parsed.success) rules.set(row.code, parsed.data);
  }
  return rules;
}

/** The type's rule with a device's override, as the engine will run it (common/iot/rules.ts effectiveRules). */
function mergedRule(
  typeRule: IotRule | null,
  override: Record<string, unknown> | undefined,
): { rule: IotRule | null; refused: string | null } {
  if (!override) return { rule: typeRule, refused: null };
  const code = typeRule?.code ?? String(override.code);
  // effectiveRules leaves out the disabled; a disabled rule is still shown, so merge it as enabled and put `enabled` back.
  const { rules, refused } = effectiveRules(typeRule ? [{ ...typeRule, enabled: true }] : [], [{ ...override, enabled: true, code }]);
  if (refused.length > 0) return { rule: typeRule, refused: refused[0].message };
  const enabled = override.enabled ?? typeRule?.enabled ?? true;
  return { rule: { ...rules[0], enabled: enabled === true }, refused: null };
}

const same = (a: object, b: object, key: string) =>
  JSON.stringify((a as Record<string, unknown>)[key]) === JSON.stringify((b as Record<string, unknown>)[key]);

function changedKeys(before: IotRule, after: IotRule) {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => key !== 'id' && !same(before, after, key));
}

/** Whether the edit changes when the rule fires, or turns it back on (its stored condition is then stale). */
function conditionChanged(before: IotRule, after: IotRule) {
  if (!before.enabled && after.enabled) return true;
  return changedKeys(before, after).some((key) => !WORDING_KEYS.has(key));
}

/** The keys a rule of this kind has, from the rule language's own schema. */
function ruleKeys(kind: IotRule['kind']): Set<string> {
  const options = iotRule.options as unknown as { shape: Record<string, { value?: unknown }> }[];
  const option = options.find((o) => (o.shape.kind as { value?: unknown }).value === kind);
  return new Set(Object.keys(option?.shape ?? {}));
}
