import { describe, expect, it } from 'vitest';
import { assignUnits, printedEntries, type UnitDirectory } from './unit-assignment.js';

const directory: UnitDirectory = {
  towns: [
    { id: 2, name: '榆山街道' },
    { id: 10, name: '锦水街道' },
  ],
  departments: [
    { id: 4, name: '县财政局' },
    { id: 7, name: '县发展和改革委员会' },
  ],
  unitOf: (name) => ({ 县财政局: { id: 4 }, 县发改局: { id: 7 }, 县金融事业发展中心: { id: 12 } })[name],
};

describe('responsible units as printed', () => {
  it('makes the first listed the lead and the rest co-responsible, keeping what resolves to nothing', () => {
    const { units, unresolved } = assignUnits(['县财政局', '试点部门单位', '县金融事业发展中心', '各运营机构等'], directory);
    expect(units).toEqual([
      { role: 'lead', printedName: '县财政局', orgUnitId: 4, regionId: null },
      { role: 'co', printedName: '试点部门单位', orgUnitId: null, regionId: null },
      { role: 'co', printedName: '县金融事业发展中心', orgUnitId: 12, regionId: null },
      { role: 'co', printedName: '各运营机构等', orgUnitId: null, regionId: null },
    ]);
    expect(unresolved).toEqual(['试点部门单位', '各运营机构等']);
  });

  it('expands 各镇（街道）、各部门 to every town and department, each leading its own part', () => {
    const { units, unresolved } = assignUnits(['各镇（街道）', '各部门'], directory);
    expect(units.map((u) => [u.role, u.regionId ?? u.orgUnitId])).toEqual([
      ['lead', 2],
      ['lead', 10],
      ['lead', 4],
      ['lead', 7],
    ]);
    expect(unresolved).toEqual([]);
  });

  it('splits 各镇街及开发区管委会, finds a town by its name, and lists a unit once', () => {
    expect(printedEntries(['各镇街及开发区管委会', '各运营机构等。'])).toEqual(['各镇街', '开发区管委会', '各运营机构等']);
    // A lead cell that still holds the whole list is split as printed.
    expect(printedEntries(['县商务发展中心、财政局', '各镇（街道）'])).toEqual(['县商务发展中心', '财政局', '各镇（街道）']);
    const { units } = assignUnits(['县发改局', '锦水街道', '各镇街', '县发改局'], directory);
    expect(units.map((u) => [u.role, u.printedName, u.regionId ?? u.orgUnitId])).toEqual([
      ['lead', '县发改局', 7],
      ['co', '锦水街道', 10],
      ['co', '各镇街', 2],
    ]);
  });
});
