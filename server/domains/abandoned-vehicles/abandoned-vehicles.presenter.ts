import type { Campaign, Dossier } from '../../../common/contracts/abandoned-vehicles.js';
import type { Disposal } from '../../../common/abandoned-vehicles.js';
import type { CaseStatus } from '../../../common/enums.js';
import { maskIdCard, maskName, maskPhone } from '../../../common/mask.js';
import type { CaseAccess, CaseRow } from '../cases/index.js';
import type { CampaignWithPhases, DossierRow, ObjectionRow } from './abandoned-vehicles.repository.js';
import { phaseOn } from './phases.js';
import { availableSteps, factsOf } from './steps.js';

/**
 * What leaves the server about a campaign and a dossier (common/contracts/abandoned-vehicles.ts).
 * The owner is shown masked unless the case policy gives the viewer personal data in full (their
 * role needs it and they hold the staff view).
 */
const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));

export function presentCampaign(c: CampaignWithPhases, today: string): Campaign {
  const phase = phaseOn(c.phases, today);
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    docNumber: c.docNumber,
    issuedOn: c.issuedOn,
    issuingUnit: c.issuingUnit,
    legalBasis: c.legalBasis,
    reportDay: c.reportDay,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    phases: c.phases,
    plan: c.plan,
    currentPhase: phase.kind === 'in' ? phase.code : null,
    state: phase.kind === 'in' ? 'running' : phase.kind === 'before' ? 'not_started' : 'ended',
  };
}

export function presentDossier(p: {
  c: CaseRow;
  d: DossierRow | undefined;
  objections: ObjectionRow[];
  campaign: CampaignWithPhases | null;
  access: CaseAccess;
  mayAct: boolean;
  today: string;
}): Dossier {
  const { c, d } = p;
  const full = p.access.personalData === 'full';
  const openObjection = p.objections.some((o) => o.resolved_at === null);
  const a = c.attributes;
  // A notice given (to the owner, or posted publicly) runs until its deadline day has passed.
  const notice = <Method>(method: Method, at: Date | string, deadline: string) => ({
    method,
    at: iso(at),
    deadline,
    overdue: p.today > deadline,
  });
  return {
    caseId: c.id,
    caseNumber: c.number,
    caseStatus: c.status as CaseStatus,
    address: c.address,
    regionName: c.region_name,
    handler: c.handler_unit_name ?? c.handler_region_name,
    vehicle: {
      plate: typeof a.plate === 'string' && a.plate ? a.plate : null,
      brand: typeof a.brand === 'string' ? a.brand : null,
      vehicleKind: typeof a.vehicle_kind === 'string' ? a.vehicle_kind : null,
      signs: Array.isArray(a.signs) ? a.signs.map(String) : [],
      locationKind: typeof a.location_kind === 'string' ? a.location_kind : null,
    },
    campaign: p.campaign ? { id: p.campaign.id, name: p.campaign.name, docNumber: p.campaign.docNumber } : null,
    owner: {
      status: d?.owner_status ?? 'unchecked',
      checkedAt: isoOrNull(d?.owner_checked_at ?? null),
      registeredPlate: d?.vehicle_plate ?? null,
      registeredBrand: d?.vehicle_brand ?? null,
      name: d?.owner_name ? (full ? d.owner_name : maskName(d.owner_name)) : null,
      phone: d?.owner_phone ? (full ? d.owner_phone : maskPhone(d.owner_phone)) : null,
      idCard: d?.owner_id_card ? (full ? d.owner_id_card : maskIdCard(d.owner_id_card)) : null,
      address: d?.owner_address && full ? d.owner_address : null,
      masked: !full,
    },
    ownerNotice: d?.owner_notice_at
      ? notice(d.owner_notice_method as NonNullable<Dossier['ownerNotice']>['method'], d.owner_notice_at, d.owner_deadline!)
      : null,
    publicNotice: d?.public_notice_at
      ? {
          ...notice(d.public_notice_method as NonNullable<Dossier['publicNotice']>['method'], d.public_notice_at, d.public_deadline!),
          issuingUnit: d.issuing_unit,
          downloadUrl: `/api/abandoned-vehicles/dossiers/${c.id}/public-notice.docx`,
        }
      : null,
    objections: p.objections.map((o) => ({
      id: o.id,
      raisedAt: iso(o.raised_at),
      raisedBy: o.raised_by,
      content: o.content,
      resolvedAt: isoOrNull(o.resolved_at),
      resolution: o.resolution,
    })),
    objectionOpen: openObjection,
    disposal: d?.disposal
      ? {
          outcome: d.disposal as Disposal,
          at: iso(d.disposal_at!),
          unit: d.disposal_unit,
          receivingUnit: d.receiving_unit,
          note: d.disposal_note,
        }
      : null,
    steps: p.mayAct ? availableSteps(factsOf(d, openObjection), p.today) : [],
  };
}
