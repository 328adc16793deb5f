import { describe, expect, it } from 'vitest';
import { isInsideRings, offsetMetres, type Ring } from './geo.js';

const square: Ring = [
  [0, 0],
  [10, 0],
  [10, 10],
  [0, 10],
  [0, 0],
];
const hole: Ring = [
  [4, 4],
  [6, 4],
  [6, 6],
  [4, 6],
  [4, 4],
];

describe('isInsideRings', () => {
  it('is inside the outer ring and outside its holes, for any polygon', () => {
    expect(isInsideRings([[square]], 1, 1)).toBe(true);
    expect(isInsideRings([[square, hole]], 5, 5)).toBe(false);
    expect(isInsideRings([[square, hole]], 3, 5)).toBe(true);
    expect(isInsideRings([[square]], 11, 5)).toBe(false);
    expect(isInsideRings([[hole], [square.map(([x, y]) => [x + 20, y] as [number, number])]], 25, 5)).toBe(true);
  });
});

describe('offsetMetres', () => {
  it('moves about 100 m north and east at the county latitude', () => {
    const p = offsetMetres({ lon: 116.45, lat: 36.29 }, 100, 100);
    expect(p.lat - 36.29).toBeCloseTo(100 / 111_320, 5);
    expect(p.lon - 116.45).toBeCloseTo(100 / (111_320 * Math.cos((36.29 * Math.PI) / 180)), 5);
  });
});
