import { api, type Query } from '@lib/api';
import type { Leader, OrgUnit, Page, PropertyCompany } from '@lib/types';

export const orgsApi = {
  units: (query: Query = {}) => api.get<Page<OrgUnit>>('/orgs/units', query),
  leaders: () => api.get<{ items: Leader[] }>('/orgs/leaders'),
  leader: (id: number) => api.get<Leader>(`/orgs/leaders/${id}`),
  propertyCompanies: () => api.get<{ items: PropertyCompany[] }>('/property-companies'),
};
