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
