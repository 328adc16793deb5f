/**
 * A session (会议) named as the county's documents name it — 县政协十一届二次会议,
 * 县人大十八届三次会议 — and read back from such a name: the server reads it out of an
 * imported reply's title, both the server and the admin write it.
 */
export type SessionBody = 'cppcc' | 'npc';
export const BODY_NAMES: Record<SessionBody, string> = { cppcc: '政协', npc: '人大' };

const DIGITS = '〇一二三四五六七八九';

/** 1–99 in Chinese numerals as sessions are counted: 二, 十, 十一, 二十三. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens ? `${tens > 1 ? DIGITS[tens] : ''}十` : '') + (ones ? DIGITS[ones] : '');
}

/** The number of 二, 十, 十一, 二十三 (or digits), or null for anything else. */
export function readChineseNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^([二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!m || text === '') return null;
  const [, tens, ten, ones] = m;
  if (tens && !ten) return ones ? null : DIGITS.indexOf(tens);
  const value = (ten ? (tens ? DIGITS.indexOf(tens) : 1) * 10 : 0) + (ones ? DIGITS.indexOf(ones) : 0);
  return value || null;
}

export function sessionName(s: { level: string; body: SessionBody; term: number; sessionNumber: number }) {
  return `${s.level}${BODY_NAMES[s.body]}${chineseNumber(s.term)}届${chineseNumber(s.sessionNumber)}次会议`;
}
