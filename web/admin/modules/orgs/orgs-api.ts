import { api, type Query } from '@lib/api';
import type { Page } from '@common/contracts/shared';
import type { Leader, OrgUnit, OrgUnitDetail, PropertyCompany } from '@common/contracts/orgs';

export const orgsApi = {
  units: (query: Query = {}, signal?: AbortSignal) => api.get<Page<OrgUnit>>('/orgs/units', query, signal),
  unit: (id: number) => api.get<OrgUnitDetail>(`/orgs/units/${id}`),
  leaders: () => api.get<{ items: Leader[] }>('/orgs/leaders'),
  leader: (id: number) => api.get<Leader>(`/orgs/leaders/${id}`),
  propertyCompanies: () => api.get<{ items: PropertyCompany[] }>('/property-companies'),
};

/** 县政府、县政府办公室: every 班子 a leader sits in, one person however many. */
export const postsOf = (l: Leader) => l.posts.map((p) => p.body).join('、');
