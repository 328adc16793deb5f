import { describe, expect, it } from 'vitest';
import { distanceMetres, offsetMetres } from '../../../common/geo.js';
import { LineIndex, metresToLines, metresToSegment, type LinePoint } from './line-index.js';

const P = { lon: 116.4551, lat: 36.2869 };
const at = (east: number, north: number): LinePoint => {
  const p = offsetMetres(P, east, north);
  return [p.lon, p.lat];
};

describe('metresToSegment', () => {
  it('measures straight across to a segment beside the point, in metres', () => {
    // A road running east–west 30 m north of the point.
    expect(metresToSegment(P, at(-200, 30), at(200, 30))).toBeCloseTo(30, 0);
    // A road running north–south 45 m east: longitude shrinks with latitude, metres do not.
    expect(metresToSegment(P, at(45, -300), at(45, 300))).toBeCloseTo(45, 0);
  });

  it('measures to the nearer end past the end of a segment, and to a point for a zero-length one', () => {
    const end = at(100, 0);
    expect(metresToSegment(P, at(100, 0), at(500, 0))).toBeCloseTo(distanceMetres(P.lat, P.lon, end[1], end[0]), 0);
    expect(metresToSegment(P, at(30, 40), at(30, 40))).toBeCloseTo(50, 0);
  });

  it('agrees with the great circle to well under a metre within a kilometre', () => {
    const b = at(600, 800);
    expect(Math.abs(metresToSegment(P, b, b) - distanceMetres(P.lat, P.lon, b[1], b[0]))).toBeLessThan(1);
  });

  it('takes the nearest part of several lines', () => {
    expect(
      metresToLines(P, [
        [at(-50, 80), at(50, 80)],
        [at(-50, -20), at(0, -20), at(50, -60)],
      ]),
    ).toBeCloseTo(20, 0);
  });
});

describe('LineIndex', () => {
  const roads = [
    { name: '人民路', lines: [[at(-3000, 30), at(3000, 30)]] },
    { name: '建设路', lines: [[at(60, -3000), at(60, 3000)]] },
    { name: '远郊路', lines: [[at(-5000, 5000), at(5000, 5000)]] },
  ];
  const index = new LineIndex(roads, P.lat);

  it('finds the nearest road within reach, with its distance, even where a long road crosses many cells', () => {
    const found = index.nearest(P, 200);
    expect(found?.item.name).toBe('人民路');
    expect(found?.metres).toBeCloseTo(30, 0);
    const east = offsetMetres(P, 2500, -400); // 430 m from 人民路, 2.4 km from 建设路
    expect(index.nearest(east, 200)).toBeUndefined();
    expect(index.nearest(offsetMetres(P, 70, -1500), 200)?.item.name).toBe('建设路');
  });

  it('answers as a scan of every road would, at random points', () => {
    for (let i = 0; i < 200; i++) {
      const p = offsetMetres(P, ((i * 7919) % 8000) - 4000, ((i * 104729) % 8000) - 4000);
      const scan = roads
        .map((r) => ({ name: r.name, metres: metresToLines(p, r.lines) }))
        .filter((r) => r.metres <= 300)
        .sort((a, b) => a.metres - b.metres)[0];
      expect(index.nearest(p, 300)?.item.name).toBe(scan?.name);
    }
  });
});
