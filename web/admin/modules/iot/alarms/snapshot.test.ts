import { describe, expect, it } from 'vitest';
import { alarmSnapshot } from './snapshot';

const camera = (name: string, snapshotUrl: string | null) => ({
  id: 1,
  serial: 'C',
  name,
  buildingName: null,
  metres: 10,
  sameBuilding: true,
  snapshotUrl,
  streamUrl: null,
  online: true,
});

describe('the picture of an alarm', () => {
  it('is its own camera’s, else the nearest camera’s with a snapshot, else none', () => {
    const context = { residents: null, gridWorkers: [], cameras: [camera('楼道', null), camera('北门', '/n.svg')] };
    expect(alarmSnapshot({ snapshotUrl: '/own.svg', deviceName: '高空抛物', context })).toEqual({ url: '/own.svg', source: '高空抛物' });
    expect(alarmSnapshot({ snapshotUrl: null, deviceName: '烟感', context })).toEqual({ url: '/n.svg', source: '北门' });
    expect(alarmSnapshot({ snapshotUrl: null, deviceName: '烟感', context: { ...context, cameras: [] } })).toBeNull();
  });
});
