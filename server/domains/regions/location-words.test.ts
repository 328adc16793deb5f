import { describe, expect, it } from 'vitest';
import { offsetMetres } from '../../../common/geo.js';
import { areaAt, locationInWords, roundMetres } from './location-words.js';

const P = { lon: 116.4551, lat: 36.2869 };
const at = (east: number, north: number, name: string) => ({ name, ...offsetMetres(P, east, north) });

describe('locationInWords', () => {
  it('names the community and the nearest building with the distance as a person says it', () => {
    const words = locationInWords(P, '锦源社区', [at(0, 60, '锦绣花园5号楼'), at(18, 0, '锦绣花园3号楼')], [at(100, 100, '锦绣花园')]);
    expect(words).toBe('锦源社区 · 锦绣花园3号楼附近约20米');
  });

  it('falls back to the nearest estate when no building is in reach, then to the community alone', () => {
    expect(locationInWords(P, '锦源社区', [at(0, 400, '锦绣花园1号楼')], [at(0, 620, '锦绣花园')])).toBe('锦源社区 · 距锦绣花园约600米');
    expect(locationInWords(P, '锦源社区', [], [at(50, 50, '锦绣花园')])).toBe('锦源社区 · 锦绣花园附近');
    expect(locationInWords(P, '锦源社区', [], [])).toBe('锦源社区');
    expect(locationInWords(P, null, [], [at(0, 3000, '锦绣花园')])).toBeNull();
  });
});

describe('locationInWords with roads', () => {
  it('names the road beside a point far from buildings, after the estate when one is in reach', () => {
    expect(locationInWords(P, '锦源社区', [at(0, 400, '锦绣花园1号楼')], [], { name: '人民路', metres: 28 })).toBe(
      '锦源社区 · 人民路旁约30米',
    );
    expect(locationInWords(P, '锦源社区', [], [at(0, 620, '锦绣花园')], { name: '人民路', metres: 12 })).toBe(
      '锦源社区 · 距锦绣花园约600米 · 人民路旁约10米',
    );
    expect(locationInWords(P, null, [], [], { name: '榆孔路', metres: 140 })).toBe('榆孔路旁约140米');
  });

  it('keeps the building when one is near, and leaves out a road too far to help', () => {
    expect(locationInWords(P, '锦源社区', [at(18, 0, '锦绣花园3号楼')], [], { name: '人民路', metres: 5 })).toBe(
      '锦源社区 · 锦绣花园3号楼附近约20米',
    );
    expect(locationInWords(P, '锦源社区', [], [], { name: '人民路', metres: 260 })).toBe('锦源社区');
  });
});

describe('roundMetres and areaAt', () => {
  it('rounds to 10 m close by (never 0), 50 m farther, 100 m past a kilometre', () => {
    expect([2, 23, 199, 212, 980, 1234].map(roundMetres)).toEqual([10, 20, 200, 200, 1000, 1200]);
  });

  it('finds the area that holds a point', () => {
    const square = (w: number) =>
      [
        [
          [
            [w, 36],
            [w + 1, 36],
            [w + 1, 37],
            [w, 37],
            [w, 36],
          ],
        ],
      ] as [number, number][][][];
    const areas = [
      { id: 1, area: square(115) },
      { id: 2, area: square(116) },
    ];
    expect(areaAt(P, areas)?.id).toBe(2);
    expect(areaAt({ lon: 100, lat: 36.5 }, areas)).toBeUndefined();
  });
});
