/** Masked forms shown to roles that do not need personal data in full: 370124********1234, 138****5678. */
export function maskIdCard(idCard: string): string {
  return idCard.length < 10 ? '*'.repeat(idCard.length) : idCard.slice(0, 6) + '*'.repeat(idCard.length - 10) + idCard.slice(-4);
}

export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

/** 张三丰 → 张**: for lists shown to roles that must not identify people. */
export function maskName(name: string): string {
  return name.length <= 1 ? name : name[0] + '*'.repeat(name.length - 1);
}

/**
 * 18-character ID numbers and 11-digit mobile numbers written inside free text (a note, a search
 * term, an audit detail), bounded so that longer digit runs (order numbers) are left alone.
 * The patterns, not a field's name, decide: a number typed into the wrong box is still a number.
 */
const ID_IN_TEXT = /(?<![0-9A-Za-z])[1-9]\d{16}[\dXx](?![0-9A-Za-z])/g;
const MOBILE_IN_TEXT = /(?<!\d)(?:\+?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}(?!\d)/g;

/** The text with every ID number and mobile number in it masked as maskIdCard / maskPhone do. */
export function maskPersonalNumbers(text: string): string {
  return text
    .replace(ID_IN_TEXT, (id) => maskIdCard(id.toUpperCase()))
    .replace(MOBILE_IN_TEXT, (phone) => maskPhone(phone.replace(/^\+?86[-\s]?/, '').replace(/[-\s]/g, '')));
}

/** Whether free text still carries a full ID number or mobile number. */
export function hasPersonalNumbers(text: string): boolean {
  return new RegExp(ID_IN_TEXT.source).test(text) || new RegExp(MOBILE_IN_TEXT.source).test(text);
}
