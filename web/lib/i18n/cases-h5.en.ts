import type { CasesH5Messages } from './cases-h5.zh-CN';

const messages: CasesH5Messages = {};

export default messages;
