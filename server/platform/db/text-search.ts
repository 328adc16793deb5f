/**
 * LIKE patterns for searching text typed by a user: the user's % and _ are literal characters,
 * not wildcards (PostgreSQL's default escape is the backslash).
 */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** '%…%': the text anywhere in the column. */
export const containing = (text: string) => `%${escapeLike(text)}%`;

/** '…%': the column starts with the text (a name typed into a search box). A text prefix; region paths are scope.ts's. */
export const startingWith = (text: string) => escapeLike(text) + '%';
