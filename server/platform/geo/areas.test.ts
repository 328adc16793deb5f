import { describe, expect, it } from 'vitest';
import polygonClipping from 'polygon-clipping';
import { bboxOf, contains, voronoiAreas, type MultiPolygon } from './areas.js';

// A 0.1° × 0.1° square near 平阴 with a square hole in its north-east corner.
const SQUARE: MultiPolygon = [
  [
    [
      [116.4, 36.2],
      [116.5, 36.2],
      [116.5, 36.3],
      [116.4, 36.3],
      [116.4, 36.2],
    ],
    [
      [116.47, 36.27],
      [116.49, 36.27],
      [116.49, 36.29],
      [116.47, 36.29],
      [116.47, 36.27],
    ],
  ],
];
const areaOf = (a: MultiPolygon) =>
  polygonClipping
    .union(a as polygonClipping.MultiPolygon)
    .reduce((sum, p) => sum + ringArea(p[0]) - p.slice(1).reduce((h, r) => h + ringArea(r), 0), 0);
const ringArea = (r: [number, number][]) =>
  Math.abs(r.reduce((s, [x, y], i) => s + x * r[(i + 1) % r.length][1] - r[(i + 1) % r.length][0] * y, 0)) / 2;

describe('voronoiAreas', () => {
  const sites = [
    { id: 1, lon: 116.42, lat: 36.22 },
    { id: 2, lon: 116.48, lat: 36.22 },
    { id: 3, lon: 116.45, lat: 36.28 },
  ];
  const cells = voronoiAreas(sites, SQUARE);

  it('gives each site the part of the parent nearest to it, and nothing outside the parent', () => {
    expect([...cells.keys()].sort()).toEqual([1, 2, 3]);
    for (const site of sites) expect(contains(cells.get(site.id)!, site.lon, site.lat)).toBe(true);
    expect(contains(cells.get(1)!, 116.41, 36.21)).toBe(true);
    expect(contains(cells.get(2)!, 116.49, 36.21)).toBe(true);
    // The hole stays out of every cell.
    for (const cell of cells.values()) expect(contains(cell, 116.48, 36.28)).toBe(false);
  });

  it('divides the parent whole: the cells add up to its area and do not overlap', () => {
    const total = [...cells.values()].reduce((s, c) => s + areaOf(c), 0);
    expect(total).toBeCloseTo(areaOf(SQUARE), 8);
    const [a, b] = [cells.get(1)!, cells.get(2)!];
    expect(
      polygonClipping
        .intersection(a as polygonClipping.MultiPolygon, b as polygonClipping.MultiPolygon)
        .reduce((s, p) => s + ringArea(p[0]), 0),
    ).toBeLessThan(1e-9);
  });

  it('measures distance on the ground: at 36°N a degree east is shorter than a degree north', () => {
    // Two sites 0.05° apart east-west: the border between them is halfway, whatever the scale.
    const two = voronoiAreas(
      [
        { id: 1, lon: 116.42, lat: 36.25 },
        { id: 2, lon: 116.47, lat: 36.25 },
      ],
      SQUARE,
    );
    const [, , east] = bboxOf(two.get(1)!);
    expect(east).toBeCloseTo(116.445, 6);
  });

  it('gives a lone site the whole parent and no sites nothing', () => {
    expect(voronoiAreas([{ id: 9, lon: 116.45, lat: 36.25 }], SQUARE).get(9)).toBe(SQUARE);
    expect(voronoiAreas([], SQUARE).size).toBe(0);
  });
});
