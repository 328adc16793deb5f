import { withoutLayoutSpaces } from './gazette-lines.js';

/**
 * 责任单位 as printed: 县发改局、县生态环境局 / 县财政局、试点部门单位、……、各运营机构等. Split at
 * 、，, outside brackets (县城市管理局（综合行政执法局） stays one unit, 各镇（街道） too); a closing
 * 等 (and 等。) ends an open list and is not part of the last name. The first unit listed leads
 * (牵头单位); the rest share the work. Collectives (各镇（街道）, 各部门, 相关部门) stay as printed:
 * the tasks domain decides what they expand to.
 */
export function readUnitList(text: string): string[] {
  const plain = withoutLayoutSpaces(text)
    .replace(/[。；;]+$/, '')
    .replace(/等$/, '');
  const units: string[] = [];
  let current = '';
  let depth = 0;
  for (const ch of plain) {
    if ('（(【['.includes(ch)) depth++;
    if ('）)】]'.includes(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && '、，,'.includes(ch)) {
      units.push(current);
      current = '';
    } else current += ch;
  }
  units.push(current);
  return units.map((u) => u.trim().replace(/等$/, '')).filter(Boolean);
}

// What a unit's name ends with: bureaus, offices, committees, centres, companies, banks, towns,
// schools and hospitals; or a collective (各…, 相关…, …单位, …机构, …部门).
const UNIT_NAME =
  /(局|办|室|委|部|院|会|中心|公司|银行|支行|分行|街道|镇|乡|政府|单位|机构|部门|学校|医院|社|所|站|队|馆|台|团|处|联|区|厂|集团|协会|企业)(（[^）]*）|\([^)]*\))?$/;

/** A cell that is a list of units (so a row whose columns slipped can still be read). */
export function looksLikeUnitList(text: string): boolean {
  const plain = withoutLayoutSpaces(text);
  if (plain === '' || plain.length > 160 || /[。！？；]/.test(plain.replace(/[。；]$/, ''))) return false;
  const units = readUnitList(plain);
  if (units.length === 0 || units.some((unit) => unit.length > 30) || !UNIT_NAME.test(units[0])) return false;
  // Abbreviations (人保财 for 人保财险) end in no suffix: most of the list must, and the first.
  return units.filter((unit) => UNIT_NAME.test(unit)).length * 3 >= units.length * 2;
}
