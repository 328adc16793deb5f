import { describe, expect, it } from 'vitest';
import { quoteFee } from './disclosure-fees.js';

// Expected amounts worked out by hand from 国办函〔2020〕109号 第四条、第五条.
describe('信息处理费 by volume (按量计收)', () => {
  it.each([
    [1, 0],
    [30, 0],
    [31, 10], // one page in the 10-yuan band
    [100, 700], // 70 × 10
    [101, 720], // 700 + 1 × 20
    [200, 2700], // 700 + 100 × 20
    [201, 2740], // 2700 + 1 × 40
    [250, 4700], // 2700 + 50 × 40
  ])('%i pages cost %i yuan', (pages, yuan) => {
    expect(quoteFee('per_volume', pages).amountYuan).toBe(yuan);
  });

  it('explains each band it charged', () => {
    expect(quoteFee('per_volume', 120).explanation).toBe(
      '按量计收，共 120 页（30 页以内不收费）：第 31—100 页 70 页 × 10 元 = 700 元；第 101—120 页 20 页 × 20 元 = 400 元；合计 1100 元',
    );
    expect(quoteFee('per_volume', 12).explanation).toBe('按量计收，共 12 页（30 页以内不收费）：不收费');
  });
});

describe('信息处理费 by piece (按件计收)', () => {
  it.each([
    // [pieces in this application, pieces earlier in the month, yuan]
    [1, 0, 0],
    [1, 9, 0], // the 10th piece of the month
    [1, 10, 100], // the 11th
    [5, 8, 300], // pieces 9–13: 9, 10 free; 11, 12, 13 at 100
    [1, 29, 100], // the 30th
    [1, 30, 200], // the 31st: first band of 10 above 30
    [1, 40, 300], // the 41st
    [25, 20, 10 * 100 + 10 * 200 + 5 * 300], // pieces 21–45
  ])('%i piece(s) after %i cost %i yuan', (pieces, prior, yuan) => {
    expect(quoteFee('per_piece', pieces, prior).amountYuan).toBe(yuan);
  });

  it('refuses a quantity that is not a whole positive number', () => {
    expect(() => quoteFee('per_volume', 0)).toThrow(RangeError);
    expect(() => quoteFee('per_piece', 1.5)).toThrow(RangeError);
    expect(() => quoteFee('per_piece', 1, -1)).toThrow(RangeError);
  });
});
