import { describe, expect, it } from 'vitest';
import {
  commonPlace,
  pagedAnew,
  pagesOf,
  placeWithin,
  withAlarm,
  withCase,
  withoutAlarm,
  withoutAlarms,
  type Waiting,
} from './critical-queue';

const a = (id: number, raisedAt: string, more: Partial<Waiting> = {}): Waiting => ({
  id,
  raisedAt,
  deviceId: id * 10,
  type: 'smoke',
  incidentId: null,
  flapping: false,
  caseId: null,
  caseNumber: null,
  ...more,
});
const at = (second: number) => `2026-12-05T09:00:${String(second).padStart(2, '0')}Z`;

describe('the critical alarms waiting', () => {
  it('keeps each alarm once, oldest first, and lets it go when acknowledged', () => {
    let queue = withAlarm([], a(2, at(2)));
    queue = withAlarm(queue, a(1, at(1)));
    queue = withAlarm(queue, { ...a(2, at(2)) }); // announced again (a reset reload)
    expect(queue.map((x) => x.id)).toEqual([1, 2]);
    expect(withoutAlarm(queue, 1).map((x) => x.id)).toEqual([2]);
    expect(withoutAlarm(queue, 9)).toEqual(queue);
    expect(withoutAlarms(queue, [1, 2])).toEqual([]);
  });

  it('learns an alarm’s case from the stream, and ignores a case of an alarm it does not hold', () => {
    const queue = [a(1, at(1)), a(2, at(2))];
    const opened = { caseId: 31, caseNumber: 'PY20261206000031' };
    expect(withCase(queue, 2, opened).map((x) => [x.caseId, x.caseNumber])).toEqual([
      [null, null],
      [31, 'PY20261206000031'],
    ]);
    expect(withCase(queue, 9, opened)).toBe(queue);
  });
});

describe('the popup’s pages', () => {
  it('shows five smoke detectors of one incident as one page, with its devices, its newest alarm and its case', () => {
    const storm = [1, 2, 3, 4, 5].map((id) => a(id, at(id), { incidentId: 7, caseId: id === 3 ? 31 : null }));
    const alone = a(6, at(0)); // older, of no incident
    const pages = pagesOf([...storm, alone], new Map([[7, 6]]));
    expect(pages.map((p) => p.key)).toEqual(['alarm:6', 'incident:7']);
    expect(pages[1]).toMatchObject({ deviceCount: 5, caseId: 31, incidentIds: [7], incidentAlarmCount: 6 });
    expect(pages[1].alarms.map((x) => x.id)).toEqual([1, 2, 3, 4, 5]);
    expect(pages[1].newest.id).toBe(5);
    expect(pages[0]).toMatchObject({ deviceCount: 1, incidentAlarmCount: null, alarms: [alone] });
  });

  it('counts a device twice in one incident once', () => {
    const [page] = pagesOf([a(1, at(1), { incidentId: 7 }), a(2, at(2), { incidentId: 7, deviceId: 10 })]);
    expect(page).toMatchObject({ deviceCount: 1 });
    expect(page.alarms).toHaveLength(2);
  });

  it('keeps alarms of different incidents apart, one page each', () => {
    const pages = pagesOf([a(1, at(1), { incidentId: 7 }), a(2, at(2), { incidentId: 8 })]);
    expect(pages.map((p) => p.key)).toEqual(['incident:7', 'incident:8']);
  });

  it('puts a flapping device’s re-raise on the page its device is on, even from a later incident', () => {
    const first = a(1, at(1), { incidentId: 7 });
    const again = a(2, at(50), { incidentId: 9, deviceId: first.deviceId, flapping: true });
    const otherRule = a(3, at(51), { incidentId: 10, deviceId: first.deviceId, flapping: true, type: 'tamper' });
    const pages = pagesOf([first, again, otherRule]);
    expect(pages.map((p) => p.alarms.map((x) => x.id))).toEqual([[1, 2], [3]]);
    expect(pages[0].incidentIds).toEqual([7, 9]);
  });
});

describe('paging anew', () => {
  const first = a(1, at(1), { incidentId: 7 });
  it('pages for a new incident or a lone alarm', () => {
    expect(pagedAnew([], [first])).toBe(true);
    expect(pagedAnew([first], [first, a(2, at(2), { incidentId: 8 })])).toBe(true);
    expect(pagedAnew([first], [first, a(3, at(3))])).toBe(true);
  });
  it('only updates the page when an alarm joins its incident, a flapping device re-raises, or one is acknowledged', () => {
    expect(pagedAnew([first], [first, a(2, at(2), { incidentId: 7 })])).toBe(false);
    expect(pagedAnew([first], [first, a(2, at(40), { incidentId: 9, deviceId: first.deviceId, flapping: true })])).toBe(false);
    expect(pagedAnew([first, a(2, at(2))], [first])).toBe(false);
    expect(pagedAnew([first], [first])).toBe(false);
  });
});

describe('the incident’s place', () => {
  it('is what its devices’ places share, and each device is told by the rest', () => {
    const places = ['锦源花园 · 3号楼 · 1单元 · 2层', '锦源花园 · 3号楼 · 2单元 · 5层'];
    expect(commonPlace(places)).toBe('锦源花园 · 3号楼');
    expect(placeWithin(places[1], '锦源花园 · 3号楼')).toBe('2单元 · 5层');
    expect(commonPlace(['锦源花园 · 3号楼', '某设备'])).toBe('锦源花园 · 3号楼');
    expect(commonPlace(['锦源花园 · 3号楼 · 1单元'])).toBe('锦源花园 · 3号楼 · 1单元');
    expect(commonPlace([])).toBe('');
  });
});
