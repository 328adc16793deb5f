import { describe, expect, it } from 'vitest';
import { distanceMetres, offsetMetres } from '../../../common/geo.js';
import { createRandom } from '../../seed/random.js';
import { PointIndex } from './point-index.js';

const at = { lon: 116.45, lat: 36.28 };

describe('PointIndex', () => {
  it('finds exactly the points within the distance, as a scan of all of them does', () => {
    const r = createRandom(9);
    const points = Array.from({ length: 2000 }, (_, id) => ({ id, ...offsetMetres(at, r.float(-3000, 3000), r.float(-3000, 3000)) }));
    const index = new PointIndex(points);
    for (const metres of [0, 50, 300, 1500, 5000]) {
      const expected = points.filter((p) => distanceMetres(at.lat, at.lon, p.lat, p.lon) <= metres).map((p) => p.id);
      const found = index.within(at, metres);
      expect(found.map((f) => f.point.id).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
      for (const f of found) expect(f.metres).toBeCloseTo(distanceMetres(at.lat, at.lon, f.point.lat, f.point.lon));
    }
  });

  it('answers on an empty index and at the edges of the band', () => {
    expect(new PointIndex([]).within(at, 1000)).toEqual([]);
    const north = offsetMetres(at, 0, 299);
    const farNorth = offsetMetres(at, 0, 301);
    expect(new PointIndex([north, farNorth]).within(at, 300).map((f) => f.point)).toEqual([north]);
  });
});
