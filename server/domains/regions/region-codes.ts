/**
 * Local region codes (code_is_local), for the places the statistics bureau has no code for yet:
 * the demo county's communities and every grid, whether the generator or the admin makes it.
 */
export function freeCode(codes: ReadonlySet<string>, prefix: string, from: number): string {
  for (let n = from; ; n++) {
    const code = `${prefix}${String(n).padStart(3, '0')}`;
    if (!codes.has(code)) return code;
  }
}

/** The codes a new grid of a community may take start with this. */
export const gridCodePrefix = (communityCode: string) => `L${communityCode.replace(/^L/, '')}`;

/** Grid codes extend their community's: L370124001001 → L370124001001001, …002. */
export function gridCode(codes: Set<string>, communityCode: string): string {
  const code = freeCode(codes, gridCodePrefix(communityCode), 1);
  codes.add(code);
  return code;
}
