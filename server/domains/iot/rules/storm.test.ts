import { describe, expect, it } from 'vitest';
import { incidentFor, type OpenIncident } from './storm.js';
import { ms } from './test-replay.js';

const incident = (id: number, fields: Partial<OpenIncident> = {}) => ({
  id,
  ruleCode: 'smoke',
  buildingId: 3,
  estateId: 1,
  firstAt: ms(0),
  lastAt: ms(60),
  ...fields,
});
const smokeIn = (buildingId: number | null, estateId: number | null, seconds: number) => ({
  ruleCode: 'smoke',
  buildingId,
  estateId,
  at: ms(seconds),
});

describe('storm grouping', () => {
  it('joins the same rule code in the same building within the window of its latest alarm', () => {
    const open = [incident(1)];
    expect(incidentFor(open, smokeIn(3, 1, 180))).toEqual({ join: open[0] });
    expect(incidentFor(open, smokeIn(3, 1, 181))).toEqual({ open: { level: 'building', id: 3 } });
  });

  it('joins an alarm that arrives late, within the window before its first', () => {
    const open = [incident(1, { firstAt: ms(200), lastAt: ms(260) })];
    expect(incidentFor(open, smokeIn(3, 1, 80))).toEqual({ join: open[0] });
    expect(incidentFor(open, smokeIn(3, 1, 79))).toMatchObject({ open: { level: 'building' } });
  });

  it('keeps other rule codes and other buildings apart', () => {
    const open = [incident(1)];
    expect(incidentFor(open, { ...smokeIn(3, 1, 70), ruleCode: 'gas_leak' })).toEqual({ open: { level: 'building', id: 3 } });
    expect(incidentFor(open, smokeIn(4, 1, 70))).toEqual({ open: { level: 'building', id: 4 } });
  });

  it('groups devices without a building by estate, apart from the building incidents', () => {
    const open = [incident(1), incident(2, { buildingId: null })];
    expect(incidentFor(open, smokeIn(null, 1, 70))).toEqual({ join: open[1] });
    expect(incidentFor([incident(1)], smokeIn(null, 1, 70))).toEqual({ open: { level: 'estate', id: 1 } });
  });

  it('never groups devices with no place', () => {
    const nowhere = incident(1, { buildingId: null, estateId: null });
    expect(incidentFor([nowhere], smokeIn(null, null, 70))).toEqual({ open: { level: 'none' } });
  });

  it('chooses the latest of several, and takes its window as a parameter', () => {
    const open = [incident(1, { lastAt: ms(50) }), incident(2, { lastAt: ms(100) })];
    expect(incidentFor(open, smokeIn(3, 1, 110))).toEqual({ join: open[1] });
    expect(incidentFor(open, smokeIn(3, 1, 110), 5)).toMatchObject({ open: { level: 'building' } });
  });
});
