import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../platform/auth/viewer.js';
import { permissionsOf } from '../../platform/auth/permissions.js';
import { actionsFor, refusalOf, visibleToUnit, type CurrentAssignment, type PolicyContext } from './proposal-policy.js';

const viewer = (role: 'county_admin' | 'dept_handler' | 'leader', orgUnitId: number | null = null) =>
  ({ userId: 1, username: role, role, orgUnitId, permissions: permissionsOf(role) }) as Viewer;
const lead = (unit: number, extra: Partial<CurrentAssignment> = {}): CurrentAssignment => ({
  id: unit,
  org_unit_id: unit,
  role: 'lead',
  status: 'handling',
  assigned_on: '2026-03-02',
  rehandles: null,
  reply_id: null,
  satisfaction: null,
  ...extra,
});
const ctx = (v: Viewer, current: CurrentAssignment[], extra: Partial<PolicyContext> = {}): PolicyContext => ({
  viewer: v,
  state: 'handling',
  current,
  evaluatedUnits: [],
  today: '2026-03-05',
  ...extra,
});

describe('who may do what to a proposal', () => {
  it('lets a unit read only its own, and the office and leaders all', () => {
    expect(visibleToUnit(viewer('dept_handler', 29))).toBe(29);
    expect(visibleToUnit(viewer('dept_handler'))).toBe(-1);
    expect(visibleToUnit(viewer('county_admin'))).toBeNull();
    expect(visibleToUnit(viewer('leader'))).toBeNull();
  });

  it('offers a lead unit return (within 10 days), reply and evaluation; a leader nothing', () => {
    expect(actionsFor(ctx(viewer('dept_handler', 29), [lead(29)]))).toEqual(['return', 'reply', 'evaluate']);
    expect(actionsFor(ctx(viewer('dept_handler', 29), [lead(29)], { today: '2026-03-13' }))).toEqual(['reply', 'evaluate']);
    expect(refusalOf('return', ctx(viewer('dept_handler', 29), [lead(29)], { today: '2026-03-13' }))?.code).toBe('RETURN_WINDOW_PASSED');
    expect(actionsFor(ctx(viewer('leader'), [lead(29)]))).toEqual([]);
  });

  it('refuses a wrong state and another unit’s proposal with their own codes', () => {
    expect(refusalOf('reply', ctx(viewer('dept_handler', 30), [lead(29)]))?.code).toBe('PROPOSAL_NOT_YOURS');
    expect(refusalOf('assign', ctx(viewer('county_admin'), [lead(29)]))?.code).toBe('PROPOSAL_STATE');
    expect(refusalOf('reply', ctx(viewer('county_admin'), [lead(29)]))?.code).toBe('FORBIDDEN');
  });

  it('offers the office the feedback form once a lead has replied, and never a return of a re-handling round', () => {
    expect(actionsFor(ctx(viewer('county_admin'), [lead(29, { status: 'replied', reply_id: 5 })], { state: 'replied' }))).toEqual([
      'feedback',
    ]);
    expect(refusalOf('return', ctx(viewer('dept_handler', 29), [lead(29, { rehandles: 3 })]))?.code).toBe('RETURN_NOT_ALLOWED');
  });
});
