import { api } from '@lib/api';

/** The abandoned-vehicle campaign API (server/domains/abandoned-vehicles/abandoned-vehicles.routes.ts). */
export interface CampaignPhase { code: string; name: string; startsOn: string; endsOn: string }
export interface Campaign {
  id: number; code: string; name: string; docNumber: string; issuedOn: string; issuingUnit: string; legalBasis: string; reportDay: number;
  startsOn: string | null; endsOn: string | null; phases: CampaignPhase[]; currentPhase: string | null; state: 'running' | 'not_started' | 'ended';
}
export interface Measures { found: number; notified: number; selfCleared: number; disposed: number; pending: number }
export interface TownProgress extends Measures { key: string; name: string }
export interface Progress { campaign: Campaign; asOf: string; towns: TownProgress[]; total: Measures }

export type AvStep = 'lookup' | 'notify_owner' | 'public_notice' | 'objection' | 'resolve_objection' | 'disposal';
export const OWNER_NOTICE_METHODS = ['phone', 'sms', 'in_person', 'letter'] as const;
export const PUBLIC_NOTICE_METHODS = ['posted', 'media', 'posted_and_media'] as const;
export const DISPOSALS = ['self_cleared', 'scrapped', 'removed_chengguan', 'removed_police', 'removed_parking', 'civil_law', 'transferred'] as const;

export interface Dossier {
  caseId: number; caseNumber: string; caseStatus: string; address: string | null; regionName: string; handler: string | null;
  vehicle: { plate: string | null; brand: string | null; vehicleKind: string | null; signs: string[]; locationKind: string | null };
  campaign: { id: number; name: string; docNumber: string } | null;
  owner: {
    status: 'unchecked' | 'found' | 'unknown'; checkedAt: string | null; registeredPlate: string | null; registeredBrand: string | null;
    name: string | null; phone: string | null; idCard: string | null; address: string | null; masked: boolean;
  };
  ownerNotice: { method: string; at: string; deadline: string; overdue: boolean } | null;
  publicNotice: { method: string; at: string; deadline: string; overdue: boolean; issuingUnit: string | null; downloadUrl: string } | null;
  objections: { id: number; raisedAt: string; raisedBy: string; content: string; resolvedAt: string | null; resolution: string | null }[];
  objectionOpen: boolean;
  disposal: { outcome: string; at: string; unit: string | null; receivingUnit: string | null; note: string | null } | null;
  steps: AvStep[];
}

const base = '/abandoned-vehicles';
const dossier = (caseId: number) => `${base}/dossiers/${caseId}`;

export const avApi = {
  current: () => api.get<Campaign>(`${base}/campaigns/current`),
  progress: (campaignId?: number) => api.get<Progress>(`${base}/progress`, { campaignId }),
  reportPath: `${base}/reports/monthly`,
  dossier: (caseId: number) => api.get<Dossier>(dossier(caseId)),
  lookUp: (caseId: number) => api.post<Dossier>(`${dossier(caseId)}/owner-lookup`),
  notifyOwner: (caseId: number, body: { method: string; deadline: string; note?: string }) => api.post<Dossier>(`${dossier(caseId)}/owner-notice`, body),
  publicNotice: (caseId: number, body: { method: string; deadline: string; issuingUnit?: string }) => api.post<Dossier>(`${dossier(caseId)}/public-notice`, body),
  noticePath: (caseId: number) => `${dossier(caseId)}/public-notice.docx`,
  object: (caseId: number, body: { raisedBy: string; content: string }) => api.post<Dossier>(`${dossier(caseId)}/objections`, body),
  resolve: (caseId: number, objectionId: number, resolution: string) => api.post<Dossier>(`${dossier(caseId)}/objections/${objectionId}/resolve`, { resolution }),
  dispose: (caseId: number, body: { outcome: string; note?: string; receivingUnit?: string }) => api.post<Dossier>(`${dossier(caseId)}/disposal`, body),
};
