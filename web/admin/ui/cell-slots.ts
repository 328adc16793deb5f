/**
 * DataTable draws a cell itself unless the page gives a `cell-<key>` slot. The frames around it
 * (ListPage, TablePage, TablePanel) take those slots from the page and hand each one on, so the
 * type and the names of the slots to hand on are said once, here.
 */
export type CellSlot<T> = ((props: { row: T; index: number }) => unknown) | undefined;
export type CellSlotName = `cell-${string}`;

/** The names of the page's cell slots among all the slots a frame was given. */
export const cellSlotNames = (slots: object): CellSlotName[] =>
  Object.keys(slots).filter((name): name is CellSlotName => name.startsWith('cell-'));
