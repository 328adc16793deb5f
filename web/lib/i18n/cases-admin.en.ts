import type { CasesAdminMessages } from './cases-admin.zh-CN';

const messages: CasesAdminMessages = {};

export default messages;
