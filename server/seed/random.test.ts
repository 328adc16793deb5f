import { describe, expect, it } from 'vitest';
import { ageOn } from '../../common/id-card.js';
import { REFERENCE_DAY, ageOnReference, birthDayForAge, dayOf, isoDate } from './calendar.js';
import { WeightedTable, apportion, createRandom, deriveSeed } from './random.js';

describe('createRandom (mulberry32)', () => {
  it('repeats itself for a seed and differs between seeds', () => {
    const draw = (seed: number) => {
      const r = createRandom(seed);
      return Array.from({ length: 5 }, () => r.next());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });
  it('keeps int() inside its bounds and reaches both ends', () => {
    const r = createRandom(1);
    const seen = new Set(Array.from({ length: 2000 }, () => r.int(3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });
  it('derives unrelated seeds for different labels', () => {
    expect(deriveSeed(7, 'L370124001001')).toBe(deriveSeed(7, 'L370124001001'));
    expect(deriveSeed(7, 'L370124001001')).not.toBe(deriveSeed(7, 'L370124001002'));
    expect(deriveSeed(7, 'a', 'bc')).not.toBe(deriveSeed(7, 'ab', 'c'));
  });
});

describe('WeightedTable', () => {
  it('picks in proportion to the weights', () => {
    const table = new WeightedTable([
      ['a', 1],
      ['b', 3],
    ] as const);
    const r = createRandom(3);
    let b = 0;
    for (let i = 0; i < 10_000; i++) if (table.pick(r) === 'b') b++;
    expect(b / 10_000).toBeGreaterThan(0.72);
    expect(b / 10_000).toBeLessThan(0.78);
  });
});

describe('apportion', () => {
  it('splits a total exactly, in proportion', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    const parts = apportion(330_000, [10, 2.5, 1.2, 7.7]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(330_000);
    expect(apportion(0, [1, 2])).toEqual([0, 0]);
  });
});

describe('calendar', () => {
  it('converts days and ISO dates like Date does, without Date', () => {
    for (let day = -20_000; day < 25_000; day += 7) {
      const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
      expect(isoDate(day)).toBe(iso);
      expect(dayOf(iso)).toBe(day);
    }
  });
  it('gives birthdays of the asked age on the reference day 2026-01-01', () => {
    const r = createRandom(5);
    const reference = new Date(Date.UTC(2026, 0, 1));
    expect(isoDate(REFERENCE_DAY)).toBe('2026-01-01');
    for (let i = 0; i < 500; i++) {
      const age = r.int(0, 100);
      const birth = birthDayForAge(r, age);
      expect(ageOnReference(birth)).toBe(age);
      expect(ageOn(isoDate(birth), reference)).toBe(age);
    }
  });
});
