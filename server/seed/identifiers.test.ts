import { describe, expect, it } from 'vitest';
import { parseIdCard } from '../../common/id-card.js';
import { MOBILE_PATTERN } from '../../common/phone.js';
import { dayOf } from './calendar.js';
import { IdCardIssuer, PhoneIssuer, PlateIssuer, creditCode } from './identifiers.js';
import { personName, pickGivenName } from './names.js';
import { chineseOrdinal } from './place-names.js';
import { createRandom } from './random.js';

describe('IdCardIssuer', () => {
  it('issues valid, unique numbers whose date and sequence parity match the person', () => {
    const issuer = new IdCardIssuer();
    const r = createRandom(11);
    const issued = new Set<string>();
    // Many people born the same day in the same county: the sequence must keep them apart.
    for (let i = 0; i < 400; i++) {
      const gender = i % 2 ? 'male' : 'female';
      const id = issuer.issue(r, '370124', dayOf('1980-02-29'), gender);
      expect(parseIdCard(id)).toEqual({ ok: true, idCard: id, birthDate: '1980-02-29', gender });
      issued.add(id);
    }
    expect(issued.size).toBe(400);
  });
});

describe('PhoneIssuer and PlateIssuer', () => {
  it('issues unique mobile numbers of 11 digits starting 13–19', () => {
    const phones = new PhoneIssuer();
    const r = createRandom(2);
    const all = Array.from({ length: 2000 }, () => phones.issue(r));
    expect(new Set(all).size).toBe(all.length);
    for (const phone of all) expect(phone).toMatch(MOBILE_PATTERN);
  });
  it('writes 济南 plates, six characters for new-energy vehicles', () => {
    const plates = new PlateIssuer();
    const r = createRandom(3);
    for (let i = 0; i < 300; i++) {
      expect(plates.issue(r, false)).toMatch(/^鲁A[0-9A-HJ-NP-Z]{5}$/);
      expect(plates.issue(r, true)).toMatch(/^鲁A[DF]\d{5}$/);
    }
  });
});

describe('creditCode (GB 32100)', () => {
  it('ends with the MOD 31 check character', () => {
    const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    const r = createRandom(4);
    for (let i = 0; i < 50; i++) {
      const code = creditCode(r);
      expect(code).toMatch(/^91370124[0-9A-HJ-NPQRTUWXY]{10}$/);
      const sum = [...code.slice(0, 17)].reduce((s, ch, k) => s + chars.indexOf(ch) * weights[k], 0);
      expect(chars.indexOf(code[17])).toBe((31 - (sum % 31)) % 31);
    }
  });
});

describe('names', () => {
  it('gives names of the right era and gender', () => {
    const r = createRandom(9);
    const elders = new Set(Array.from({ length: 200 }, () => pickGivenName(r, 'female', 1950)));
    const children = new Set(Array.from({ length: 200 }, () => pickGivenName(r, 'female', 2018)));
    expect(elders.has('秀英') || elders.has('桂兰')).toBe(true);
    expect([...elders].some((n) => children.has(n))).toBe(false);
    expect(personName(r, 'male', 1990, '王')).toMatch(/^王.{1,2}$/);
  });
  it('counts grids in Chinese', () => {
    expect([1, 10, 11, 20, 23, 99].map(chineseOrdinal)).toEqual(['一', '十', '十一', '二十', '二十三', '九十九']);
  });
});
