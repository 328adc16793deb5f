/**
 * How a unit name as a document prints it finds the county's unit (docs/decisions/044). Task
 * tables and plans name units in their everyday short forms (县发改局, 县教体局, 财政局), the
 * 分工 notices in full (县发展和改革委员会, 县教育和体育局): one rule joins them, not a table of
 * this county's names.
 *
 * 1. Exactly: the name, or an alias (the bracketed second name: 综合行政执法局), with or without
 *    the county prefix 县 (a printed 财政局 is 县财政局).
 * 2. As an abbreviation: drop 县 and the organ-type suffix (局, 委员会, 中心, 公司 …) from both; the
 *    printed core is shorter, begins with the same character and is a subsequence of the full
 *    core (发改 in 发展和改革, 市场监管 in 市场监督管理, 商务发展 in 商务事业发展).
 * A name that fits more than one unit by rule 2 fits none: it is reported, never guessed.
 */
export interface NamedUnit {
  id: number;
  name: string;
  aliases: string[];
}

const COUNTY_PREFIX = '县';
// Longest first, so 委员会 is cut before 会 and 办公室 before 室.
const SUFFIXES = ['委员会', '管委会', '办公室', '中心', '公司', '支行', '局', '委', '办', '部', '会', '院', '社', '队', '站'];

const compact = (name: string) => name.replace(/\s+/g, '');
const withPrefix = (name: string) => (name.startsWith(COUNTY_PREFIX) ? name : COUNTY_PREFIX + name);

function core(name: string): string | null {
  if (!name.startsWith(COUNTY_PREFIX)) return null;
  const rest = name.slice(COUNTY_PREFIX.length);
  const suffix = SUFFIXES.find((s) => rest.endsWith(s) && rest.length > s.length);
  return suffix ? rest.slice(0, -suffix.length) : null;
}

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (const ch of long) if (ch === short[i]) i++;
  return i === short.length;
}

/** The unit a printed name means, or null when none does or several might. */
export function matchUnitName<U extends NamedUnit>(printed: string, units: readonly U[]): U | null {
  const name = withPrefix(compact(printed));
  const exact = units.find((u) => u.name === name || u.aliases.some((a) => withPrefix(a) === name));
  if (exact) return exact;
  const short = core(name);
  if (!short || short.length < 2) return null;
  const fits = units.filter((u) => {
    const full = core(u.name);
    return full !== null && full.length > short.length && full[0] === short[0] && isSubsequence(short, full);
  });
  return fits.length === 1 ? fits[0] : null;
}
