import { degreesAround, distanceMetres } from '../../common/geo.js';
import type { Lines } from '../platform/geo/line-index.js';
import type { CountyPlan, TownPlan } from './county-plan.js';
import type { Point } from './positions.js';
import { createRandom, deriveSeed, type Random } from './random.js';

/**
 * The demo county's roads (docs/decisions/048), so its maps and its cases' places in words show
 * roads without any file: county roads (县道) joining the towns along a spanning tree, named as
 * 平阴's are after the places they join (榆孔路: 榆山—孔村); a grid of streets (城市道路) around
 * each street's (街道) centre; two crossing streets through each town's seat; a street through
 * every 社区; and a village road (乡村道路) from each 村 towards its town's seat. Invented like
 * every generated place, from their own random stream, so nothing else in the county changes.
 */
export interface DemoRoad {
  name: string;
  kind: string;
  lines: Lines;
}

/** Street names a county seat's streets take (none is claimed to be real). */
const STREET_NAMES = [
  '人民路',
  '建设路',
  '文化路',
  '青龙路',
  '府前街',
  '翠屏街',
  '黄河路',
  '泰山路',
  '新华路',
  '振兴路',
  '和平路',
  '胜利路',
  '光明路',
  '长青路',
  '民生路',
  '金山路',
  '龙山路',
  '中心街',
  '工业路',
  '育才路',
  '健康路',
  '花园路',
  '学府路',
  '迎宾路',
  '商贸街',
  '春晖路',
  '友谊路',
  '幸福街',
];

export function demoRoads(plan: Pick<CountyPlan, 'towns' | 'communities'>, seed: number): DemoRoad[] {
  const random = createRandom(deriveSeed(seed, 'roads'));
  const taken = new Set<string>();
  const unique = (name: string, fallback: () => string) => {
    const chosen = taken.has(name) ? fallback() : name;
    taken.add(chosen);
    return chosen;
  };
  const streetName = () => unique(random.pick(STREET_NAMES), () => STREET_NAMES.find((n) => !taken.has(n)) ?? `${taken.size}号路`);
  const roads: DemoRoad[] = [];

  for (const [a, b] of spanningTree(plan.towns)) {
    const name = unique(`${short(a)[0]}${short(b)[0]}路`, () => `${short(a)}${short(b)}路`);
    roads.push({ name, kind: '县道', lines: [bent(random, a.position, b.position)] });
  }
  for (const town of plan.towns) {
    if (town.kind === '街道') {
      // A county seat's streets: three each way, about 700 m apart, across its centre.
      for (const offset of [-700, 0, 700]) {
        roads.push({ name: streetName(), kind: '城市道路', lines: [straight(town.position, 0, offset, 2600)] });
        roads.push({ name: streetName(), kind: '城市道路', lines: [straight(town.position, 90, offset, 2600)] });
      }
    } else {
      roads.push({ name: unique(`${short(town)}大街`, streetName), kind: '城市道路', lines: [straight(town.position, 0, 0, 1800)] });
      roads.push({ name: unique(`${short(town)}中心路`, streetName), kind: '城市道路', lines: [straight(town.position, 90, 0, 1800)] });
    }
  }
  for (const c of plan.communities) {
    if (c.kind === '社区') {
      // Beside the community's estates (they stand within a few hundred metres of its position).
      roads.push({
        name: streetName(),
        kind: '城市道路',
        lines: [straight(c.position, random.float(0, 180), random.float(-250, 250), 1500)],
      });
    } else {
      const name = unique(`${c.name.replace(/村$/, '')}路`, () => `${c.name}路`);
      roads.push({ name, kind: '乡村道路', lines: [bent(random, c.position, towards(c.position, c.town.position, 2500))] });
    }
  }
  return roads;
}

/** A town's name without 镇 or 街道: 孔村镇 → 孔村. */
const short = (town: TownPlan) => town.name.replace(/(镇|街道|乡)$/, '');

/** Prim's tree over the towns' seats: each town joined to the nearest town already joined. */
function spanningTree(towns: readonly TownPlan[]): [TownPlan, TownPlan][] {
  if (towns.length === 0) return [];
  const joined = [towns[0]];
  const edges: [TownPlan, TownPlan][] = [];
  const metres = (a: TownPlan, b: TownPlan) => distanceMetres(a.position[1], a.position[0], b.position[1], b.position[0]);
  while (joined.length < towns.length) {
    let best: [TownPlan, TownPlan] | null = null;
    for (const t of towns)
      if (!joined.includes(t)) for (const j of joined) if (!best || metres(j, t) < metres(best[0], best[1])) best = [j, t];
    edges.push(best!);
    joined.push(best![1]);
  }
  return edges;
}

/** From a to b through a middle point pushed aside a little, as a road follows the land. */
function bent(random: Random, a: Point, b: Point): Point[] {
  const middle: Point = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  const side = random.float(-0.08, 0.08);
  return [a, [round(middle[0] - (b[1] - a[1]) * side), round(middle[1] + (b[0] - a[0]) * side)], b];
}

/** A straight street `length` metres long through a point moved `offset` metres across it, at `bearing` degrees from east. */
function straight(centre: Point, bearing: number, offset: number, length: number): Point[] {
  const { dLat, dLon } = degreesAround(centre[1], 1);
  const [cos, sin] = [Math.cos((bearing * Math.PI) / 180), Math.sin((bearing * Math.PI) / 180)];
  const at = (along: number): Point => [
    round(centre[0] + (along * cos - offset * sin) * dLon),
    round(centre[1] + (along * sin + offset * cos) * dLat),
  ];
  return [at(-length / 2), at(length / 2)];
}

/** A point up to `metres` from `from` on the way to `to` (or `to` itself when nearer). */
function towards(from: Point, to: Point, metres: number): Point {
  const d = distanceMetres(from[1], from[0], to[1], to[0]);
  const f = d <= metres ? 1 : metres / d;
  return [round(from[0] + (to[0] - from[0]) * f), round(from[1] + (to[1] - from[1]) * f)];
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
