import { describe, expect, it } from 'vitest';
import { convertGeoJson, convertPoint, gcj02ToWgs84, wgs84ToGcj02 } from './coordinates.js';

/**
 * Known pairs published with the open reference implementation of the transform
 * (github.com/googollee/eviltransform, the test tables shared by its Go, C, JavaScript, Python
 * and PHP versions): WGS-84 in, GCJ-02 out, to 6 decimal places (≈ 0.1 m).
 */
const PUBLISHED: { place: string; wgs: [lat: number, lon: number]; gcj: [lat: number, lon: number] }[] = [
  { place: 'Shanghai', wgs: [31.1774276, 121.5272106], gcj: [31.17530398364597, 121.531541859215] },
  { place: 'Shenzhen', wgs: [22.543847, 113.912316], gcj: [22.540796131694766, 113.9171764808363] },
  { place: 'Beijing', wgs: [39.911954, 116.377817], gcj: [39.91334545536069, 116.38404722455657] },
];

/** Great-circle distance in metres, to judge round trips in units a person understands. */
function metres(a: { lat: number; lon: number }, b: { lat: number; lon: number }) {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

describe('wgs84ToGcj02', () => {
  it.each(PUBLISHED)('matches the published pair for $place', ({ wgs, gcj }) => {
    const out = wgs84ToGcj02({ lat: wgs[0], lon: wgs[1] });
    expect(out.lat).toBeCloseTo(gcj[0], 6);
    expect(out.lon).toBeCloseTo(gcj[1], 6);
  });

  it('shifts a point in 平阴县 about half a kilometre east, as a phone user there would see', () => {
    const wgs = { lon: 116.45, lat: 36.288 };
    const gcj = wgs84ToGcj02(wgs);
    expect(gcj.lon - wgs.lon).toBeGreaterThan(0.004);
    expect(gcj.lon - wgs.lon).toBeLessThan(0.008);
    expect(Math.abs(gcj.lat - wgs.lat)).toBeLessThan(0.001);
    const d = metres(wgs, gcj);
    expect(d).toBeGreaterThan(100);
    expect(d).toBeLessThan(1000);
  });

  it('leaves points outside China as they are', () => {
    expect(wgs84ToGcj02({ lon: 2.35, lat: 48.85 })).toEqual({ lon: 2.35, lat: 48.85 });
  });
});

describe('gcj02ToWgs84', () => {
  it.each(PUBLISHED)('recovers the WGS-84 point of the published pair for $place to within 1 cm', ({ wgs, gcj }) => {
    const out = gcj02ToWgs84({ lat: gcj[0], lon: gcj[1] });
    expect(metres(out, { lat: wgs[0], lon: wgs[1] })).toBeLessThan(0.01);
  });

  it('round-trips the county seat of 平阴县 (the case API works in GCJ-02)', () => {
    const gcj = { lon: 116.4551, lat: 36.2869 };
    const back = wgs84ToGcj02(gcj02ToWgs84(gcj));
    expect(metres(back, gcj)).toBeLessThan(0.01);
  });
});

describe('convertPoint and convertGeoJson', () => {
  it('treats CGCS2000 (天地图, official boundary files) as WGS-84, centimetres apart', () => {
    const p = { lon: 116.45, lat: 36.288 };
    expect(convertPoint(p, 'cgcs2000', 'gcj02')).toEqual(wgs84ToGcj02(p));
    expect(convertPoint(p, 'cgcs2000', 'wgs84')).toEqual(p);
  });

  it('goes to Baidu BD-09 and back within a metre (its published formula is approximate)', () => {
    const p = { lon: 116.4551, lat: 36.2869 };
    const bd = convertPoint(p, 'gcj02', 'bd09');
    expect(metres(bd, p)).toBeGreaterThan(100);
    expect(metres(convertPoint(bd, 'bd09', 'gcj02'), p)).toBeLessThan(1);
  });

  it('moves every position of a boundary and leaves the original alone', () => {
    const polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [116.4, 36.2],
          [116.5, 36.2],
          [116.5, 36.3],
          [116.4, 36.2],
        ],
      ],
    };
    const moved = convertGeoJson(polygon, 'wgs84', 'gcj02');
    expect(polygon.coordinates[0][0]).toEqual([116.4, 36.2]);
    const first = wgs84ToGcj02({ lon: 116.4, lat: 36.2 });
    expect(moved.coordinates[0][0][0]).toBeCloseTo(first.lon, 9);
    expect(moved.coordinates[0][2][1]).toBeCloseTo(wgs84ToGcj02({ lon: 116.5, lat: 36.3 }).lat, 9);
  });
});
