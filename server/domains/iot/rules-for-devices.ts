import type { Kysely } from 'kysely';
import type { DB, IotField } from '../../platform/db/schema.js';
import { effectiveRules, iotRule, type FieldLabeller, type IotRule, type RuleOverride } from '../../../common/iot/rules.js';
import type { Listen } from '../../platform/db/broadcast.js';
import { ruleLoadRepository } from './rules-for-devices.repository.js';

/**
 * What the rules need to know of the devices in a batch: each device's place (for the alarm),
 * its effective rules (its type's, with its overrides merged and the disabled left out), and its
 * type's words for its fields. Read per batch, two statements for a few hundred readings; a
 * stored rule the schema refuses is skipped and named in the log, never fatal to ingest.
 */
export interface DeviceForRules {
  id: number;
  typeCode: string;
  regionPath: string;
  estateId: number | null;
  buildingId: number | null;
  snapshotUrl: string | null;
  rules: IotRule[];
  rulesByCode: Map<string, IotRule>;
  fieldLabel: FieldLabeller;
}

export async function loadDevicesForRules(db: Kysely<DB>, deviceIds: number[], warn: (line: string) => void = () => {}) {
  const repo = ruleLoadRepository(db);
  const devices = await repo.devices(deviceIds);
  const rows = await repo.rules(
    [...new Set(devices.map((d) => d.type_code))],
    devices.map((d) => d.id),
  );
  const typeRules = new Map<string, IotRule[]>();
  const overrides = new Map<number, RuleOverride[]>();
  for (const row of rows) {
    if (row.device_id !== null) {
      overrides.set(row.device_id, [...(overrides.get(row.device_id) ?? []), { ...row.definition, code: row.code }]);
      continue;
    }
    const parsed = iotRule.safeParse({ ...row.definition, id: row.id, code: row.code });
    if (!parsed.success) warn(`[civicgrid] 设备类型 ${row.type_code} 的规则 ${row.code} 无效，已跳过：${parsed.error.issues[0].message}`);
    else typeRules.set(row.type_code, [...(typeRules.get(row.type_code) ?? []), parsed.data]);
  }
  return new Map(
    devices.map((d): [number, DeviceForRules] => {
      const { rules, refused } = effectiveRules(typeRules.get(d.type_code) ?? [], overrides.get(d.id) ?? []);
      for (const r of refused) warn(`[civicgrid] 设备 ${d.id} 的规则覆盖 ${r.code} 无效，沿用类型规则：${r.message}`);
      return [
        d.id,
        {
          id: d.id,
          typeCode: d.type_code,
          regionPath: d.region_path,
          estateId: d.estate_id,
          buildingId: d.building_id,
          snapshotUrl: d.snapshot_url,
          rules,
          rulesByCode: new Map(rules.map((r) => [r.code, r])),
          fieldLabel: labeller(d.fields),
        },
      ];
    }),
  );
}

/** The type's own words for its fields: 一氧化碳, ppm. */
function labeller(fields: IotField[]): FieldLabeller {
  const byKey = new Map(fields.map((f) => [f.key, { label: f.label, unit: f.unit }]));
  return (key) => byKey.get(key) ?? { label: key };
}

/**
 * The devices' rules as this process keeps them between batches (decision 034): loading them for
 * every batch was two statements and a schema check of every rule, in every batch, for rules that
 * change a few times a year. Emptied on `civicgrid_iot_rules` (a rule or override written, a device
 * moved or retyped: migrations/0025) and `civicgrid_iot_types` (a type's field words), and, as a
 * backstop for a notice missed while the listening connection was down, entries live at most
 * `ttlMs`. A batch loads only the devices it does not hold, in the batch's transaction.
 */
export class DeviceRulesCache {
  private kept = new Map<number, { device: DeviceForRules; until: number }>();
  private generation = 0;

  private constructor(private readonly ttlMs: number) {}

  /** Listening before anything is kept, so no change between a load and the first notice is missed. */
  static async listening(listen: Listen, ttlMs = 60_000) {
    const cache = new DeviceRulesCache(ttlMs);
    const forget = () => cache.forget();
    await listen('civicgrid_iot_rules', forget);
    await listen('civicgrid_iot_types', forget);
    return cache;
  }

  forget() {
    this.kept.clear();
    this.generation += 1;
  }

  async devices(db: Kysely<DB>, deviceIds: number[], warn?: (line: string) => void): Promise<Map<number, DeviceForRules>> {
    const now = Date.now();
    const found = new Map<number, DeviceForRules>();
    const missing: number[] = [];
    for (const id of deviceIds) {
      const kept = this.kept.get(id);
      if (kept && kept.until > now) found.set(id, kept.device);
      else missing.push(id);
    }
    if (missing.length === 0) return found;
    const generation = this.generation;
    const loaded = await loadDevicesForRules(db, missing, warn);
    // A notice while loading may mean these rows are already old: use them for this batch only.
    const keep = generation === this.generation;
    for (const [id, device] of loaded) {
      found.set(id, device);
      if (keep) this.kept.set(id, { device, until: now + this.ttlMs });
    }
    return found;
  }
}
