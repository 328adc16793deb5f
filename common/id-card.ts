/**
 * 居民身份证号码 per GB 11643-1999: 6-digit area code, 8-digit birth date, 3-digit sequence
 * (odd for men, even for women) and an ISO 7064 MOD 11-2 check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

export type IdCardResult =
  | { ok: true; idCard: string; birthDate: string; gender: 'male' | 'female' }
  | { ok: false; code: 'ID_CARD_FORMAT' | 'ID_CARD_BIRTH_DATE' | 'ID_CARD_CHECK_DIGIT'; message: string };

export function parseIdCard(input: string, today = new Date()): IdCardResult {
  const idCard = input.trim().toUpperCase();
  if (!/^[1-9]\d{16}[\dX]$/.test(idCard)) {
    return { ok: false, code: 'ID_CARD_FORMAT', message: '身份证号码应为18位，前17位为数字，末位为数字或X' };
  }
  const y = Number(idCard.slice(6, 10)),
    m = Number(idCard.slice(10, 12)),
    d = Number(idCard.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  const valid = birth.getUTCFullYear() === y && birth.getUTCMonth() === m - 1 && birth.getUTCDate() === d;
  if (!valid || y < 1900 || birth.getTime() > today.getTime()) {
    return { ok: false, code: 'ID_CARD_BIRTH_DATE', message: '身份证号码中的出生日期无效' };
  }
  if (idCardCheckChar(idCard.slice(0, 17)) !== idCard[17]) {
    return { ok: false, code: 'ID_CARD_CHECK_DIGIT', message: '身份证号码校验位错误，请核对' };
  }
  const birthDate = `${idCard.slice(6, 10)}-${idCard.slice(10, 12)}-${idCard.slice(12, 14)}`;
  const gender = Number(idCard[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, idCard, birthDate, gender };
}

/** Whole years between a 'YYYY-MM-DD' birth date and a day. */
export function ageOn(birthDate: string, day: Date = new Date()): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  let age = day.getUTCFullYear() - y;
  if (day.getUTCMonth() + 1 < m || (day.getUTCMonth() + 1 === m && day.getUTCDate() < d)) age--;
  return age;
}
