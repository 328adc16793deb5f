import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../platform/db/schema.js';
import { iotRule } from '../../../common/iot/rules.js';
import { deviceTypesRepository } from './device-types.repository.js';
import { alarmCaseSchema } from './alarm-case-policy.js';

/**
 * Device types are data (data/iot/device-types.json), not code: a county adds a sensor by
 * editing the file. It is loaded at every start, like the case catalogue: types are upserted by
 * code, and each type's default rules are written again unless an administrator has edited
 * that rule in the admin (an edit is theirs to keep). A rule the file no longer has stays: alarms
 * refer to it, and an administrator disables it.
 */
const code = z.string().regex(/^[a-z][a-z0-9_]*$/, '编码须为小写字母、数字和下划线');

const fieldSchema = z
  .object({
    key: code,
    label: z.string().min(1),
    unit: z.string().min(1).optional(),
    type: z.enum(['number', 'boolean', 'string']),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .refine((f) => f.type === 'number' || (f.min === undefined && f.max === undefined), { message: '只有数值字段可以有 min/max' })
  .refine((f) => f.min === undefined || f.max === undefined || f.min < f.max, { message: 'min 须小于 max' });

// A rule as the engine reads it (common/iot/rules.ts), less the id its row gets; on by default.
const ruleSchema = z
  .object({ code, enabled: z.boolean().default(true) })
  .passthrough()
  .superRefine((rule, ctx) => {
    const checked = iotRule.safeParse({ ...rule, id: 0 });
    if (!checked.success) for (const issue of checked.error.issues) ctx.addIssue({ ...issue, code: 'custom', path: issue.path });
  });

const typeSchema = z
  .object({
    code,
    name: z.string().min(1),
    category: z.string().min(1),
    offlineMinutes: z.number().int().min(1).max(10080),
    hasCamera: z.boolean().optional(),
    caseCategory: code.optional(),
    // Which of its alarms open a case, and who is sent (alarm-case-policy.ts, docs/decisions/030).
    alarmCase: alarmCaseSchema.optional(),
    fields: z.array(fieldSchema).min(1),
    events: z.array(z.object({ type: code, label: z.string().min(1) })).optional(),
    rules: z.array(ruleSchema),
  })
  .superRefine((t, ctx) => {
    const unique = (what: string, keys: string[]) => {
      const dup = keys.find((k, i) => keys.indexOf(k) !== i);
      if (dup) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${what}重复：${dup}` });
    };
    unique(
      '字段',
      t.fields.map((f) => f.key),
    );
    unique(
      '规则',
      t.rules.map((r) => r.code),
    );
  });

const fileSchema = z.object({ deviceTypes: z.array(typeSchema).min(1) });
export type DeviceTypeEntry = z.infer<typeof typeSchema>;

export const DEVICE_TYPE_FILE = new URL('../../../data/iot/device-types.json', import.meta.url);

export function readDeviceTypeFile(file: URL | string = DEVICE_TYPE_FILE): DeviceTypeEntry[] {
  const parsed = fileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(`设备类型文件有误：${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`);
  const codes = parsed.data.deviceTypes.map((t) => t.code);
  const dup = codes.find((c, i) => codes.indexOf(c) !== i);
  if (dup) throw new Error(`设备类型文件有误：类型编码重复：${dup}`);
  return parsed.data.deviceTypes;
}

/** The file's types and default rules into the database, in one transaction. Returns how many types. */
export async function syncDeviceTypes(db: Kysely<DB>, entries: DeviceTypeEntry[] = readDeviceTypeFile()) {
  return db.transaction().execute(async (trx) => {
    const repo = deviceTypesRepository(trx);
    for (const [sort, t] of entries.entries()) {
      await repo.upsertType({
        code: t.code,
        name: t.name,
        category: t.category,
        fields: JSON.stringify(t.fields),
        events: JSON.stringify(t.events ?? []),
        offline_minutes: t.offlineMinutes,
        has_camera: t.hasCamera ?? false,
        case_category_code: t.caseCategory ?? null,
        sort,
      });
      for (const rule of t.rules) await repo.upsertDefaultRule(t.code, rule.code, JSON.stringify(rule));
    }
    return entries.length;
  });
}
