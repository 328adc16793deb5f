import { describe, expect, it } from 'vitest';
import { contains, polygonsOf, type MultiPolygon } from '../../platform/geo/areas.js';
import { deriveAreas } from './areas.js';
import type { AreaRow } from './map.repository.js';

const COUNTY: MultiPolygon = [
  [
    [
      [116.0, 36.0],
      [117.0, 36.0],
      [117.0, 37.0],
      [116.0, 37.0],
      [116.0, 36.0],
    ],
  ],
];
const row = (
  id: number,
  parent: number,
  level: 'town' | 'community',
  lon: number | null,
  lat: number | null,
  official?: MultiPolygon,
): AreaRow => ({
  id,
  parent_id: parent,
  level,
  name: `区域${id}`,
  code: `C${id}`,
  lon,
  lat,
  parent_name: null,
  source: official ? 'official' : null,
  geometry: official ? { type: 'MultiPolygon', coordinates: official } : null,
});

describe('deriveAreas', () => {
  it('divides the county between towns and each town between its communities, as approximate areas', () => {
    const rows = [
      row(2, 1, 'town', 116.25, 36.5),
      row(3, 1, 'town', 116.75, 36.5),
      row(21, 2, 'community', 116.2, 36.2),
      row(22, 2, 'community', 116.2, 36.8),
    ];
    const out = new Map(deriveAreas(rows, COUNTY, 1).map((w) => [w.region_id, w]));
    expect([...out.keys()].sort()).toEqual([2, 21, 22, 3]);
    expect(new Set([...out.values()].map((w) => w.source))).toEqual(new Set(['approximate']));
    const town2 = polygonsOf(out.get(2)!.geometry);
    expect(contains(town2, 116.1, 36.5)).toBe(true);
    expect(contains(town2, 116.9, 36.5)).toBe(false);
    // Communities stay inside their town: 21 takes the town's south, never the other town's land.
    const c21 = polygonsOf(out.get(21)!.geometry);
    expect(contains(c21, 116.3, 36.1)).toBe(true);
    expect(contains(c21, 116.7, 36.1)).toBe(false);
  });

  it('leaves official boundaries alone and divides only what they leave', () => {
    const official: MultiPolygon = [
      [
        [
          [116.0, 36.0],
          [116.5, 36.0],
          [116.5, 37.0],
          [116.0, 37.0],
          [116.0, 36.0],
        ],
      ],
    ];
    const rows = [row(2, 1, 'town', 116.25, 36.5, official), row(3, 1, 'town', 116.3, 36.5), row(4, 1, 'town', 116.9, 36.5)];
    const out = new Map(deriveAreas(rows, COUNTY, 1).map((w) => [w.region_id, w]));
    expect(out.has(2)).toBe(false);
    // Town 3 stands inside town 2's official area, yet its approximate area lies outside it.
    const town3 = polygonsOf(out.get(3)!.geometry);
    expect(contains(town3, 116.4, 36.5)).toBe(false);
    expect(contains(town3, 116.55, 36.5)).toBe(true);
  });

  it('derives nothing for a region without a position', () => {
    expect(deriveAreas([row(2, 1, 'town', null, null)], COUNTY, 1)).toEqual([]);
  });
});
