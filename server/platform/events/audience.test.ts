import { describe, expect, it } from 'vitest';
import { fakeViewer } from '../../test/fakes.js';
import { mayReceive } from './audience.js';

/** Who may be sent an event: its place in their scope and one of its permissions, or their own id. */
const JINYUAN = '/1/4/230/';
const notice = (over: Partial<{ regionPath: string; estateId: number | null; permissions: string[]; userIds: number[] }> = {}) => ({
  regionPath: over.regionPath ?? `${JINYUAN}231/`,
  estateId: over.estateId ?? null,
  audience: { permissions: (over.permissions ?? ['cases.read']) as never[], userIds: over.userIds ?? [] },
});
const staff = { viewer: fakeViewer('community_staff'), scope: { estateIds: null } };

describe('the audience of an event', () => {
  it('reaches a viewer holding one of its permissions whose scope holds its place', () => {
    expect(mayReceive(staff, notice())).toBe(true);
    expect(mayReceive(staff, notice({ regionPath: JINYUAN }))).toBe(true);
    expect(mayReceive(staff, notice({ permissions: ['cases.configure'] }))).toBe(false);
  });

  it('never reaches the staff of another region, however alike its path reads', () => {
    expect(mayReceive(staff, notice({ regionPath: '/1/4/231/' }))).toBe(false);
    expect(mayReceive(staff, notice({ regionPath: '/1/4/2301/' }))).toBe(false);
    expect(mayReceive(staff, notice({ regionPath: '/1/4/' }))).toBe(false);
  });

  it('reaches the users it names wherever they are, and only them of those without its permissions', () => {
    const resident = { viewer: fakeViewer('resident', { userId: 77, regionPath: '/1/5/300/' }), scope: { estateIds: null } };
    expect(mayReceive(resident, notice({ userIds: [77] }))).toBe(true);
    expect(mayReceive(resident, notice({ userIds: [78] }))).toBe(false);
  });

  it('keeps an estate’s event to property staff of that estate; an event of no estate is scoped by region alone', () => {
    const property = { viewer: fakeViewer('property_staff'), scope: { estateIds: [11, 12] } };
    const forProperty = { permissions: ['houses.read'] };
    expect(mayReceive(property, notice({ ...forProperty, estateId: 12 }))).toBe(true);
    expect(mayReceive(property, notice({ ...forProperty, estateId: 13 }))).toBe(false);
    expect(mayReceive(property, notice({ ...forProperty, estateId: null }))).toBe(true);
    expect(mayReceive(staff, notice({ estateId: 13 }))).toBe(true);
  });
});
