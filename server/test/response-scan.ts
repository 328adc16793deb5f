/**
 * Looks through a response body, as text, for what a viewer must not be shown: full ID numbers
 * and mobile numbers (by their pattern, wherever they sit — a field, a note, a title) and
 * marker strings of lines written for another audience. Field names are not trusted: the probe
 * found numbers in notes, descriptions and titles, not only in `idCard` and `phone`.
 */
const FULL_ID = /(?<![0-9A-Za-z])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
const FULL_MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

export interface ScanRules {
  /** No full ID or mobile number, except these (the viewer's own). */
  masked: boolean;
  allowed?: readonly string[];
  /** Strings that must not appear at all (markers of notes for another audience). */
  forbidden?: readonly (string | RegExp)[];
}

/** What the body shows that the rules forbid; empty when it is clean. */
export function scanResponse(body: string, rules: ScanRules): string[] {
  const found: string[] = [];
  if (rules.masked) {
    for (const pattern of [FULL_ID, FULL_MOBILE]) {
      for (const m of body.matchAll(pattern))
        if (!rules.allowed?.includes(m[0])) found.push(`${m[0]} in …${body.slice(Math.max(0, m.index! - 40), m.index! + 30)}…`);
    }
  }
  for (const f of rules.forbidden ?? []) {
    const hit = typeof f === 'string' ? body.includes(f) : f.test(body);
    if (hit) found.push(`forbidden ${String(f)}`);
  }
  return found;
}
