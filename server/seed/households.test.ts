import { describe, expect, it } from 'vitest';
import { composeHousehold } from './households.js';
import { splitIntoGrids } from './grids.js';
import { createRandom } from './random.js';

describe('composeHousehold', () => {
  it('puts the householder first and keeps ages consistent within a family', () => {
    const r = createRandom(21);
    for (let i = 0; i < 3000; i++) {
      const kind = (['owner', 'whole_let', 'shared_let'] as const)[i % 3];
      const members = composeHousehold(r, kind, i % 2 === 0);
      const [head, ...rest] = members;
      expect(head.relation).toBe('self');
      expect(rest.every((m) => m.relation !== 'self')).toBe(true);
      const parentAges = members.filter((m) => m.relation === 'self' || m.relation === 'spouse').map((m) => m.age);
      for (const m of members) {
        if (m.relation === 'child') expect(Math.min(...parentAges) - m.age).toBeGreaterThanOrEqual(23);
        if (m.relation === 'parent') expect(m.age - head.age).toBeGreaterThanOrEqual(20);
        if (m.tags.includes('living_alone')) expect(members).toHaveLength(1);
      }
      if (kind === 'shared_let') expect(rest.every((m) => m.relation === 'other')).toBe(true);
    }
  });

  it('makes about a fifth of people 60 or older', () => {
    const r = createRandom(22);
    let people = 0,
      over60 = 0;
    for (let i = 0; i < 20_000; i++) {
      for (const m of composeHousehold(r, 'owner', i % 2 === 0)) {
        people++;
        if (m.age >= 60) over60++;
      }
    }
    expect(over60 / people).toBeGreaterThan(0.17);
    expect(over60 / people).toBeLessThan(0.3);
  });
});

describe('splitIntoGrids', () => {
  it('keeps buildings whole, grids non-empty and near 320 houses', () => {
    const sizes = Array.from({ length: 60 }, (_, i) => 24 + (i % 7) * 12);
    const { gridCount, gridOfBuilding } = splitIntoGrids(sizes);
    const perGrid = Array.from({ length: gridCount }, (_, g) => sizes.filter((_, b) => gridOfBuilding[b] === g).reduce((a, n) => a + n, 0));
    expect(perGrid.every((n) => n > 200 && n < 450)).toBe(true);
    expect(gridOfBuilding).toEqual([...gridOfBuilding].sort((a, b) => a - b));
  });
  it('makes one grid for an empty or tiny community', () => {
    expect(splitIntoGrids([])).toEqual({ gridCount: 1, gridOfBuilding: [] });
    expect(splitIntoGrids([12, 8])).toEqual({ gridCount: 1, gridOfBuilding: [0, 0] });
  });
});
