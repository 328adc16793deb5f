/**
 * Responsible units as printed, made into assignments (docs/decisions/044). The first listed is
 * the lead unit (牵头单位: the 数字人民币 plan's footnote, 各责任单位排在最前的是牵头单位), the rest
 * co-responsible. Collectives expand: 各镇（街道） / 各镇街 to every town and street, 各部门 /
 * 县直各部门单位 to every county department. When a task begins with collectives
 * (各镇（街道）、各部门), each unit they expand to answers for its own part: all of them lead, each
 * reporting to the office. 相关部门, 各运营机构等 and names that fit no unit stay as printed,
 * unresolved, and are reported.
 */
export interface Assignment {
  role: 'lead' | 'co';
  printedName: string;
  orgUnitId: number | null;
  regionId: number | null;
}

export interface UnitDirectory {
  towns: { id: number; name: string }[];
  departments: { id: number; name: string }[];
  /** A printed name's county unit, by the orgs domain's rule; absent when none fits. */
  unitOf(printed: string): { id: number } | undefined;
}

const TOWNS = /^各乡?镇[（(]?街道?[）)]?$/;
// 各有关部门 and 相关部门 are some departments, not all: they stay as printed.
const DEPARTMENTS = /^(县直)?各部门(单位)?$/;
const isCollective = (name: string) => TOWNS.test(name) || DEPARTMENTS.test(name);

/**
 * The printed entries one by one: a cell still holding several names (县发改局、县工信局) is split
 * at its enumeration commas, each trimmed of a trailing 。; 各镇街及开发区管委会 is two entries.
 */
export function printedEntries(printed: string[]): string[] {
  return printed
    .flatMap((p) => p.split(/[、，,]/))
    .map((p) => p.trim().replace(/[。.]+$/, ''))
    .flatMap((p) => {
      const [first, ...rest] = p.split('及');
      return rest.length && isCollective(first) ? [first, rest.join('及')] : [p];
    })
    .filter((p) => p !== '');
}

/** The assignments of one task's printed units, and the printed names nothing fits (what the import reports). */
export function assignUnits(printed: string[], directory: UnitDirectory): { units: Assignment[]; unresolved: string[] } {
  const units: Assignment[] = [];
  const unresolved: string[] = [];
  const seen = new Set<string>();
  const add = (a: Assignment) => {
    const key = a.orgUnitId !== null ? `u${a.orgUnitId}` : a.regionId !== null ? `r${a.regionId}` : `p${a.printedName}`;
    if (seen.has(key)) return;
    seen.add(key);
    units.push(a);
  };
  const entries = printedEntries(printed);
  let leading = true;
  entries.forEach((name, i) => {
    const collective = isCollective(name);
    const role = i === 0 || (leading && collective) ? 'lead' : 'co';
    if (!collective) leading = false;
    if (TOWNS.test(name)) {
      for (const town of directory.towns) add({ role, printedName: name, orgUnitId: null, regionId: town.id });
      return;
    }
    if (collective) {
      for (const dept of directory.departments) add({ role, printedName: name, orgUnitId: dept.id, regionId: null });
      return;
    }
    const town = directory.towns.find((t) => t.name === name);
    if (town) return add({ role, printedName: name, orgUnitId: null, regionId: town.id });
    const unit = directory.unitOf(name.replace(/等$/, ''));
    if (unit) return add({ role, printedName: name, orgUnitId: unit.id, regionId: null });
    unresolved.push(name);
    add({ role, printedName: name, orgUnitId: null, regionId: null });
  });
  return { units, unresolved };
}
