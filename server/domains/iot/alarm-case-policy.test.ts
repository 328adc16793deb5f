import { describe, expect, it } from 'vitest';
import { readCategoryFile } from '../cases/catalogue.js';
import { alarmCasePolicy, caseCategoriesNamed } from './alarm-case-policy.js';
import { readDeviceTypeFile } from './device-types.js';

/** Which alarms open which case (docs/decisions/030), as data/iot/device-types.json says. */
const types = readDeviceTypeFile();
const policy = alarmCasePolicy(types);

describe('the alarm → case policy', () => {
  it('names only IoT alarm categories the case catalogue has, and gives every one of the 15 types one', () => {
    const iot = readCategoryFile().find((c) => c.code === 'iot_alarms')!;
    expect(iot.caseType).toBe('iot_alarm');
    const leaves = new Set(iot.children!.map((c) => c.code));
    for (const code of caseCategoriesNamed(types)) expect(leaves).toContain(code);
    expect(types.filter((t) => t.caseCategory && t.alarmCase)).toHaveLength(15);
  });

  it('opens a fire case for smoke, sending the grid and the property company, and none for a low battery', () => {
    expect(policy('smoke_detector', 'smoke', 'critical')).toEqual({ categoryCode: 'iot_fire', dispatch: ['grid', 'property'] });
    expect(policy('smoke_detector', 'battery_low', 'warning')).toBeNull();
    expect(policy('smoke_detector', 'offline', 'minor')).toBeNull();
  });

  it('lets a rule differ: a tampered detector is a device fault, a hot bin is a fire, an offline bin nothing', () => {
    expect(policy('smoke_detector', 'tamper', 'major')).toEqual({ categoryCode: 'iot_device_fault', dispatch: ['grid', 'property'] });
    expect(policy('garbage_bin', 'fire_risk', 'critical')).toMatchObject({ categoryCode: 'iot_fire' });
    expect(policy('garbage_bin', 'full', 'warning')).toMatchObject({ categoryCode: 'iot_garbage_full' });
    expect(policy('garbage_bin', 'offline', 'warning')).toBeNull();
    expect(policy('emergency_button', 'offline', 'major')).toEqual({ categoryCode: 'iot_device_fault', dispatch: ['grid'] });
  });

  it('counts severity from the least severe that opens a case, and knows no unknown type', () => {
    expect(policy('gas_detector', 'co_high', 'major')).toMatchObject({ categoryCode: 'iot_gas_leak' });
    expect(policy('gas_detector', 'offline', 'minor')).toBeNull();
    expect(policy('no_such_type', 'smoke', 'critical')).toBeNull();
  });
});
