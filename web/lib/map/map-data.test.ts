import { describe, expect, it } from 'vitest';
import { displaySystem, fromDisplay, middleOf, toDisplay } from './map-data';

describe('middleOf', () => {
  it('is the centre of an area, weighted by area, in its largest part', () => {
    const square = [
      [
        [116, 36],
        [116.2, 36],
        [116.2, 36.2],
        [116, 36.2],
        [116, 36],
      ],
    ];
    expect(middleOf({ type: 'Polygon', coordinates: square })).toEqual({ lon: expect.closeTo(116.1, 9), lat: expect.closeTo(36.1, 9) });
    const islet = [
      [
        [117, 37],
        [117.01, 37],
        [117.01, 37.01],
        [117, 37],
      ],
    ];
    const m = middleOf({ type: 'MultiPolygon', coordinates: [islet, square] });
    expect(m.lon).toBeCloseTo(116.1, 9);
  });
});

describe('display systems', () => {
  it('draws in GCJ-02 without tiles and moves points onto 天地图 CGCS2000 tiles and back', () => {
    expect(displaySystem({ tiles: { kind: 'none' } })).toBe('gcj02');
    const tianditu = displaySystem({ tiles: { kind: 'tianditu', layers: [], subdomains: '0', crs: 'cgcs2000', attribution: '' } });
    const p = { lon: 116.4551, lat: 36.2869 };
    const shown = toDisplay(tianditu, p);
    expect(shown.lon).toBeLessThan(p.lon); // WGS-84 lies west of GCJ-02 here
    const back = fromDisplay(tianditu, shown);
    expect(back.lon).toBeCloseTo(p.lon, 7);
    expect(back.lat).toBeCloseTo(p.lat, 7);
  });
});
