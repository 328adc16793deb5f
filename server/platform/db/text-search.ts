/**
 * LIKE patterns for searching text typed by a user: the user's % and _ are literal characters,
 * not wildcards (PostgreSQL's default escape is the backslash).
 */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** '%…%': the text anywhere in the column. */
export const containing = (text: string) => `%${escapeLike(text)}%`;
