import { describe, expect, it } from 'vitest';
import type { DeviceType } from '@common/contracts/iot-devices';
import { readingsInWords } from './readings';

const smoke = {
  fields: [
    { key: 'smoke', label: '烟雾', type: 'boolean' },
    { key: 'battery', label: '电量', unit: '%', type: 'number' },
  ],
} as DeviceType;

describe('readings in words', () => {
  it('names each value by its field, with its unit, and says yes or no for a flag', () => {
    expect(readingsInWords({ smoke: true, battery: 87, extra: 'x' }, smoke, '是', '否')).toEqual(['烟雾 是', '电量 87 %', 'extra x']);
  });
});
