import { describe, expect, it } from 'vitest';
import { cellSlotNames } from './cell-slots';

describe('cellSlotNames', () => {
  it('hands on only the cell slots, not the frame’s own', () => {
    const slot = () => null;
    expect(cellSlotNames({ actions: slot, filters: slot, 'cell-name': slot, 'cell-idCard': slot, table: slot })).toEqual([
      'cell-name',
      'cell-idCard',
    ]);
  });
});
