import { describe, expect, it } from 'vitest';
import { pickRule } from './routing.js';

/** The most specific rule wins: a field condition, then a deeper region, then a leaf category. */
const rule = (id: number, over: Partial<Parameters<typeof pickRule>[0][number]>) => ({
  category_id: 1,
  region_path: null,
  attribute_key: null,
  attribute_value: null,
  org_unit_id: id,
  to_grid: false,
  note: `r${id}`,
  ...over,
});
const chain = [2, 1]; // leaf 2 under parent 1

describe('routing rules', () => {
  it('prefers a field condition over region and category', () => {
    const rules = [
      rule(10, { category_id: 2, region_path: '/1/4/' }),
      rule(11, { attribute_key: 'location_kind', attribute_value: 'road' }),
    ];
    expect(pickRule(rules, { categoryChain: chain, regionPath: '/1/4/17/', attributes: { location_kind: 'road' } })?.org_unit_id).toBe(11);
    expect(pickRule(rules, { categoryChain: chain, regionPath: '/1/4/17/', attributes: { location_kind: 'parking' } })?.org_unit_id).toBe(
      10,
    );
  });

  it('prefers a deeper region, then the leaf category', () => {
    const rules = [rule(10, { region_path: '/1/' }), rule(11, { region_path: '/1/4/' }), rule(12, { category_id: 2, region_path: '/1/' })];
    expect(pickRule(rules, { categoryChain: chain, regionPath: '/1/4/17/', attributes: {} })?.org_unit_id).toBe(11);
    expect(pickRule(rules, { categoryChain: chain, regionPath: '/1/5/', attributes: {} })?.org_unit_id).toBe(12);
  });

  it('ignores rules of other regions and categories, and matches a value inside a multiselect', () => {
    const rules = [
      rule(10, { region_path: '/1/5/' }),
      rule(11, { category_id: 3 }),
      rule(12, { attribute_key: 'signs', attribute_value: 'no_plate' }),
    ];
    expect(pickRule(rules, { categoryChain: chain, regionPath: '/1/4/', attributes: {} })).toBeNull();
    expect(pickRule(rules, { categoryChain: chain, regionPath: '/1/4/', attributes: { signs: ['dust', 'no_plate'] } })?.org_unit_id).toBe(
      12,
    );
  });
});
