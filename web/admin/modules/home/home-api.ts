import { api } from '@lib/api';
import type { CaseHome } from '@common/contracts/cases';

/** 首页's one request: the figures of the viewer's desk (server/domains/cases/home.ts). */
export const homeApi = {
  desk: () => api.get<CaseHome>('/cases/home'),
};
