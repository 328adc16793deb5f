/** 中国大陆手机号: 11 digits starting 13–19. Landlines are written with their area code: 0531-87881234. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
export const LANDLINE_PATTERN = /^0\d{2,3}-?\d{7,8}$/;

export function normalizePhone(input: string): string {
  return input.replace(/[\s()（）]/g, '').replace(/^\+?86/, '');
}

export function isValidPhone(input: string): boolean {
  const phone = normalizePhone(input);
  return MOBILE_PATTERN.test(phone) || LANDLINE_PATTERN.test(phone);
}
