import { describe, expect, it } from 'vitest';
import { createRandom } from '../seed/random.js';
import { demoScene, mixOfTypes } from './demo-simulation.js';

const DEVICES = [
  { serial: 'SD-1', typeCode: 'smoke_detector' },
  { serial: 'GD-1', typeCode: 'gas_detector' },
  { serial: 'EL-1', typeCode: 'elevator_monitor' },
];
const MINUTE = 60_000;

describe('the demo simulation', () => {
  it('has every device report in turn, and every few minutes a smoke detector burn for half a minute, told at once', () => {
    const scene = demoScene(DEVICES, 5 * MINUTE, 0, createRandom(1));
    expect([1, 2, 3, 4].map((t) => scene.due(t).map((d) => d.serial))).toEqual([['SD-1'], ['GD-1'], ['EL-1'], ['SD-1']]);

    const atFire = scene.due(5 * MINUTE);
    expect(atFire[0]).toMatchObject({ serial: 'SD-1', fault: 'fire' });
    expect(scene.due(5 * MINUTE + 10_000).every((d) => d.fault === undefined || d.serial === 'SD-1')).toBe(true);
    expect(scene.devices[0].fault).toBe('fire');

    const atEnd = scene.due(5 * MINUTE + 30_000);
    expect(atEnd[0].serial).toBe('SD-1');
    expect(scene.devices[0].fault).toBeUndefined();
    // The next fire comes a full interval after the last one started.
    expect(scene.due(9 * MINUTE).some((d) => d.fault)).toBe(false);
    expect(scene.due(10 * MINUTE)[0]).toMatchObject({ serial: 'SD-1', fault: 'fire' });
  });

  it('without smoke detectors just reports', () => {
    const scene = demoScene(DEVICES.slice(1), MINUTE, 0, createRandom(1));
    expect(scene.due(2 * MINUTE).map((d) => d.serial)).toEqual(['GD-1']);
  });
});

describe('the demo devices', () => {
  it('take each type in turn', () => {
    const list = ['a', 'a', 'a', 'b', 'c', 'c'].map((typeCode, i) => ({ serial: String(i), typeCode }));
    expect(mixOfTypes(list, 4).map((d) => d.typeCode)).toEqual(['a', 'b', 'c', 'a']);
    expect(mixOfTypes(list, 10)).toHaveLength(6);
  });
});
