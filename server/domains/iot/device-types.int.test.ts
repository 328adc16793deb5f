import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/use-test-database.js';
import { readDeviceTypeFile, syncDeviceTypes } from './device-types.js';

describe('device types from data/iot/device-types.json', () => {
  const t = useTestDatabase();

  it('loads every type with its default rules, again without change, and keeps a rule an administrator edited', async () => {
    const entries = readDeviceTypeFile();
    expect(await syncDeviceTypes(t.db)).toBe(entries.length);
    const types = await t.db.selectFrom('iot_device_types').select(['code', 'fields']).execute();
    expect(types.map((x) => x.code).sort()).toEqual(entries.map((e) => e.code).sort());
    expect(types.find((x) => x.code === 'smoke_detector')!.fields.map((f) => f.key)).toEqual(['smoke', 'battery', 'tamper']);
    const rulesBefore = await t.db.selectFrom('iot_rules').select(['id', 'type_code', 'code']).orderBy('id').execute();
    expect(rulesBefore).toHaveLength(entries.reduce((n, e) => n + e.rules.length, 0));

    const edited = {
      code: 'smoke',
      name: '烟雾报警（已调整）',
      kind: 'threshold',
      severity: 'major',
      field: 'smoke',
      operator: '=',
      value: true,
    };
    await t.db
      .updateTable('iot_rules')
      .set({ definition: JSON.stringify(edited), edited: true })
      .where('type_code', '=', 'smoke_detector')
      .where('code', '=', 'smoke')
      .execute();
    await syncDeviceTypes(t.db);
    const rulesAfter = await t.db.selectFrom('iot_rules').select(['id', 'type_code', 'code', 'definition']).orderBy('id').execute();
    expect(rulesAfter.map(({ id, type_code, code }) => ({ id, type_code, code }))).toEqual(rulesBefore);
    expect(rulesAfter.find((r) => r.type_code === 'smoke_detector' && r.code === 'smoke')!.definition).toEqual(edited);
    expect(rulesAfter.find((r) => r.type_code === 'gas_detector' && r.code === 'co_high')!.definition).toMatchObject({ holdSeconds: 30 });
  });

  it('refuses a file with a repeated field or a numeric range on a boolean, naming where', () => {
    const bad = (types: unknown) => () => readDeviceTypeFileFrom(types);
    const base = { code: 'x', name: 'X', category: '消防安全', offlineMinutes: 5, rules: [] };
    expect(
      bad([
        {
          ...base,
          fields: [
            { key: 'a', label: 'A', type: 'number' },
            { key: 'a', label: 'A', type: 'number' },
          ],
        },
      ]),
    ).toThrow(/字段重复：a/);
    expect(bad([{ ...base, fields: [{ key: 'a', label: 'A', type: 'boolean', min: 0 }] }])).toThrow(
      /deviceTypes\.0\.fields\.0 只有数值字段/,
    );
  });
});

function readDeviceTypeFileFrom(deviceTypes: unknown) {
  const file = path.join(tmpdir(), `device-types-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ deviceTypes }));
  return readDeviceTypeFile(file);
}
