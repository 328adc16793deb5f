import { describe, expect, it } from 'vitest';
import { ageOn, idCardCheckChar, parseIdCard } from './id-card.js';

describe('parseIdCard (GB 11643)', () => {
  it('accepts the standard example and derives birth date and gender', () => {
    // GB 11643-1999 appendix example: 11010519491231002X, a woman born 1949-12-31.
    expect(parseIdCard('11010519491231002x')).toEqual({
      ok: true,
      idCard: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: 'female',
    });
  });
  it('computes the check character with MOD 11-2', () => {
    expect(idCardCheckChar('11010519491231002')).toBe('X');
    expect(idCardCheckChar('44052418800101001')).toBe('4');
  });
  it('rejects a wrong check digit, an impossible date and a bad shape', () => {
    expect(parseIdCard('110105194912310021')).toMatchObject({ ok: false, code: 'ID_CARD_CHECK_DIGIT' });
    expect(parseIdCard('370124' + '20230230' + '0011')).toMatchObject({ ok: false });
    const feb30 = '37012420230230001';
    expect(parseIdCard(feb30 + idCardCheckChar(feb30))).toMatchObject({ ok: false, code: 'ID_CARD_BIRTH_DATE' });
    expect(parseIdCard('12345')).toMatchObject({ ok: false, code: 'ID_CARD_FORMAT' });
  });
  it('counts age in whole years', () => {
    expect(ageOn('1960-06-15', new Date('2026-06-14T00:00:00Z'))).toBe(65);
    expect(ageOn('1960-06-15', new Date('2026-06-15T00:00:00Z'))).toBe(66);
  });
});
