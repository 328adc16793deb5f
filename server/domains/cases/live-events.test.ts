import { describe, expect, it } from 'vitest';
import { caseLineEvent, caseReportedEvent } from './live-events.js';
import type { CaseListeners } from './timeline.repository.js';

/** Who casework's events are for: the case policy's audiences in the stream's terms. */
const listeners: CaseListeners = { regionPath: '/1/4/17/230/', status: 'dispatched', handlerIds: [71, 72], reporterIds: [3, 71] };
const line = (audience: 'public' | 'staff' | 'internal', action = 'comment', fromStatus = 'dispatched', toStatus = 'dispatched') => ({
  caseId: 5,
  lineId: 40,
  action,
  fromStatus,
  toStatus,
  audience,
});

describe("casework's live events", () => {
  it('gives a public line to the region’s readers, the handlers and the reporters, each named once', () => {
    expect(caseLineEvent(line('public'), listeners)).toMatchObject({
      type: 'case.step',
      regionPath: '/1/4/17/230/',
      audience: { permissions: ['cases.read'], userIds: [71, 72, 3] },
      data: { caseId: 5, lineId: 40, action: 'comment', status: 'dispatched' },
    });
  });

  it('keeps staff lines from the reporters, and internal lines from those who only watch (leaders, supervisors)', () => {
    expect(caseLineEvent(line('staff'), listeners).audience).toEqual({ permissions: ['cases.read'], userIds: [71, 72] });
    expect(caseLineEvent(line('internal'), listeners).audience).toEqual({
      permissions: ['cases.dispatch', 'cases.verify'],
      userIds: [71, 72],
    });
  });

  it('says case.dispatched when the step brings the case to a unit or grid to sign, and only then', () => {
    expect(caseLineEvent(line('public', 'dispatch', 'registered'), listeners).type).toBe('case.dispatched');
    expect(caseLineEvent(line('public', 'reopen', 'closed'), listeners).type).toBe('case.dispatched');
    expect(caseLineEvent(line('public', 'sign', 'dispatched', 'in_progress'), listeners).type).toBe('case.step');
    expect(caseLineEvent(line('staff', 'comment'), listeners).type).toBe('case.step');
  });

  it('tells the desk of its region of a new case, whose id the report statement fills in', () => {
    expect(caseReportedEvent('/1/4/17/230/')).toMatchObject({
      type: 'case.reported',
      audience: { permissions: ['cases.read'], userIds: [] },
      data: { caseId: Number.MAX_SAFE_INTEGER },
    });
  });
});
