/** 简体中文 strings of the cases-h5 screens; the English file mirrors these keys. */
const messages = {};

export default messages;
export type CasesH5Messages = typeof messages;
