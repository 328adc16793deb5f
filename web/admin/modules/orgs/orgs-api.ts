import { api, type Query } from '@lib/api';
import type { Leader, OrgUnit, OrgUnitDetail, Page, PropertyCompany } from '@lib/types';

export const orgsApi = {
  units: (query: Query = {}, signal?: AbortSignal) => api.get<Page<OrgUnit>>('/orgs/units', query, signal),
  unit: (id: number) => api.get<OrgUnitDetail>(`/orgs/units/${id}`),
  leaders: () => api.get<{ items: Leader[] }>('/orgs/leaders'),
  leader: (id: number) => api.get<Leader>(`/orgs/leaders/${id}`),
  propertyCompanies: () => api.get<{ items: PropertyCompany[] }>('/property-companies'),
};
