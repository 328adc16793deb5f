/** 简体中文 strings of the cases-admin screens; the English file mirrors these keys. */
const messages = {};

export default messages;
export type CasesAdminMessages = typeof messages;
