import { api } from '@lib/api';
import type {
  Campaign,
  DisposalInput,
  Dossier,
  ObjectionInput,
  OwnerNoticeInput,
  Progress,
  PublicNoticeInput,
} from '@common/contracts/abandoned-vehicles';

/** The abandoned-vehicle campaign API (server/domains/abandoned-vehicles; shapes in common/contracts/abandoned-vehicles.ts). */
const base = '/abandoned-vehicles';
const dossier = (caseId: number) => `${base}/dossiers/${caseId}`;

export const avApi = {
  current: () => api.get<Campaign>(`${base}/campaigns/current`),
  list: () => api.get<{ items: Campaign[] }>(`${base}/campaigns`),
  progress: (campaignId?: number) => api.get<Progress>(`${base}/progress`, { campaignId }),
  reportPath: `${base}/reports/monthly`,
  dossier: (caseId: number) => api.get<Dossier>(dossier(caseId)),
  lookUp: (caseId: number) => api.post<Dossier>(`${dossier(caseId)}/owner-lookup`),
  notifyOwner: (caseId: number, body: OwnerNoticeInput) => api.post<Dossier>(`${dossier(caseId)}/owner-notice`, body),
  publicNotice: (caseId: number, body: PublicNoticeInput) => api.post<Dossier>(`${dossier(caseId)}/public-notice`, body),
  noticePath: (caseId: number) => `${dossier(caseId)}/public-notice.docx`,
  object: (caseId: number, body: ObjectionInput) => api.post<Dossier>(`${dossier(caseId)}/objections`, body),
  resolve: (caseId: number, objectionId: number, resolution: string) =>
    api.post<Dossier>(`${dossier(caseId)}/objections/${objectionId}/resolve`, { resolution }),
  dispose: (caseId: number, body: DisposalInput) => api.post<Dossier>(`${dossier(caseId)}/disposal`, body),
};
