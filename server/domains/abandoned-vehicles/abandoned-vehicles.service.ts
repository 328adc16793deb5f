import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { Clock } from '../../platform/clock.js';
import type { FileStore } from '../../platform/files.js';
import { conflict, forbidden, notFound } from '../../platform/errors.js';
import { localDateOf } from '../../platform/calendar/working-calendar.js';
import type {
  DisposalInput,
  Dossier,
  ObjectionInput,
  OwnerNoticeInput,
  PublicNoticeInput,
} from '../../../common/contracts/abandoned-vehicles.js';
import type { Disposal } from '../../../common/abandoned-vehicles.js';
import {
  readCaseOfType,
  takeCaseTypeStep,
  type CaseAccess,
  type CaseDeps,
  type CaseRelation,
  type CaseRow,
  type TypeStepContext,
  type TypeStepLine,
} from '../cases/index.js';
import { CASE_TYPE, type CampaignsRepository, type DossierRow, type DossiersRepository } from './abandoned-vehicles.repository.js';
import { campaignContaining } from './campaigns.js';
import { factsOf, stepRefusal, type AvStep } from './steps.js';
import { publicNoticeDocx } from './notice-docx.js';
import { DISPOSAL_ZH, OWNER_NOTICE_METHOD_ZH, PUBLIC_NOTICE_METHOD_ZH, dateZh } from './abandoned-vehicles.labels.js';
import { presentDossier } from './abandoned-vehicles.presenter.js';

/**
 * 一车一档: the steps the plan adds to an abandoned-vehicle case. Each step is taken through the
 * case engine (takeCaseTypeStep), which locks the case, asks the case policy and writes the
 * step's timeline line; here the viewer's part in the case is checked, the step against the
 * dossier, and the dossier written, in the same transaction. A refusal writes nothing.
 */
export const NOTICE_AREA = 'av-notices';
const DOSSIER = '废弃汽车档案';

export interface AvDeps {
  /** The case engine: its cases as the policy lets the viewer see them, and its step host. */
  casework: Pick<CaseDeps, 'cases' | 'transaction' | 'audit'>;
  campaigns: CampaignsRepository;
  dossiers: DossiersRepository;
  /** The same repositories on a step's transaction. */
  within(db: Kysely<DB>): { campaigns: CampaignsRepository; dossiers: DossiersRepository };
  files: FileStore;
  clock: Clock;
}

const plateOf = (c: CaseRow) => {
  const plate = typeof c.attributes.plate === 'string' ? c.attributes.plate.replace(/[\s·.\-]/g, '').toUpperCase() : '';
  const signs = Array.isArray(c.attributes.signs) ? c.attributes.signs : [];
  return plate && !signs.includes('no_plate') ? plate : null;
};

/**
 * The dossier holds the owner's data: the staff view of the case only — not its reporter, not
 * someone who said "我也遇到了" (issue 7, finding 2). Anyone else finds no dossier.
 */
function assertEvidence(access: CaseAccess) {
  if (!access.evidence) throw notFound(DOSSIER);
}

/** 只有本案的派遣人（属地受理）或承办单位、承办网格可以办理；领导、核查人只读。 */
const DOSSIER_WORKERS: readonly CaseRelation[] = ['dispatcher', 'handling_unit', 'handling_grid'];
const worksDossier = (access: CaseAccess) => DOSSIER_WORKERS.some((r) => access.relations.has(r));

/** The dossier as the viewer may see it, with the steps they may take now. */
export async function readDossier(deps: AvDeps, viewer: Viewer, caseId: number): Promise<Dossier> {
  const { c, access } = await readCaseOfType(deps.casework, viewer, caseId, CASE_TYPE, DOSSIER);
  assertEvidence(access);
  const d = await deps.dossiers.byCase(caseId);
  const objections = d ? await deps.dossiers.objectionsOf(caseId) : [];
  const campaign = d?.campaign_id
    ? await deps.campaigns.byId(d.campaign_id)
    : await campaignContaining(deps.campaigns, localDateOf(c.reported_at));
  const mayAct = c.open && c.status !== 'reported' && worksDossier(access);
  if (d?.owner_id && access.personalData === 'full') {
    await deps.casework.audit(viewer, { action: 'read_av_owner', entity: 'resident', entityId: d.owner_id, detail: { caseId } });
  }
  return presentDossier({ c, d, objections, campaign: campaign ?? null, access, mayAct, today: localDateOf(deps.clock.now()) });
}

interface StepRun extends TypeStepContext {
  d: DossierRow;
  today: string;
  campaigns: CampaignsRepository;
  dossiers: DossiersRepository;
}

/** Runs one step through the engine: the viewer's part, the plan's order, the dossier written, the line returned; then the dossier as it stands. */
async function runStep(
  deps: AvDeps,
  viewer: Viewer,
  caseId: number,
  step: AvStep,
  outcome: Disposal | undefined,
  body: (s: StepRun) => Promise<TypeStepLine>,
) {
  await takeCaseTypeStep(deps.casework, viewer, caseId, CASE_TYPE, DOSSIER, async (ctx) => {
    const { c, access } = ctx;
    assertEvidence(access);
    if (!worksDossier(access)) throw forbidden('只有该事件的受理派遣人员或承办人员可以办理');
    if (!c.open) throw conflict('CASE_NOT_OPEN', '事件已办结或已终止，档案只读');
    // A report not yet accepted may still be refused (不予受理): nothing is done to a car before that.
    if (c.status === 'reported') throw conflict('CASE_NOT_ACCEPTED', '请先受理该事件，再办理废弃汽车档案');
    const { campaigns, dossiers } = deps.within(ctx.db);
    const today = localDateOf(ctx.now);
    const campaign = await campaignContaining(campaigns, localDateOf(c.reported_at));
    await dossiers.ensure(c.id, campaign?.id ?? null);
    const d = (await dossiers.byCase(c.id))!;
    const open = (await dossiers.objectionsOf(c.id)).some((o) => o.resolved_at === null);
    const why = stepRefusal(step, factsOf(d, open), today, outcome);
    if (why) throw conflict(why.code, why.message);
    return body({ ...ctx, d, today, campaigns, dossiers });
  });
  return readDossier(deps, viewer, caseId);
}

const futureDeadline = (deadline: string, today: string) => {
  if (deadline <= today) throw conflict('DEADLINE_INVALID', '清理期限须晚于今天');
};

/** 车找人: the plate in the vehicle registry; the owner is kept by id, never copied. */
export function lookUpOwner(deps: AvDeps, viewer: Viewer, caseId: number) {
  return runStep(deps, viewer, caseId, 'lookup', undefined, async ({ c, now, dossiers, audit }) => {
    const plate = plateOf(c);
    const vehicle = plate ? await dossiers.vehicleByPlate(plate) : undefined;
    const found = vehicle?.owner_id != null;
    await dossiers.update(
      c.id,
      {
        owner_status: found ? 'found' : 'unknown',
        vehicle_id: vehicle?.id ?? null,
        owner_id: vehicle?.owner_id ?? null,
        owner_checked_at: now,
      },
      now,
    );
    await audit({ action: 'av_owner_lookup', entity: 'vehicle', entityId: vehicle?.id, detail: { caseId: c.id, found } });
    const note = !plate
      ? '无牌车辆，无法按号牌查询车辆所有人'
      : found
        ? `按号牌${plate}查得车辆所有人`
        : `车辆登记信息中未查到号牌${plate}的所有人`;
    // The owner is personal data: the people working the case read this line.
    return { action: 'av_owner_lookup', note, audience: 'internal', data: { found, vehicleId: vehicle?.id ?? null } };
  });
}

export function notifyOwner(deps: AvDeps, viewer: Viewer, caseId: number, input: OwnerNoticeInput) {
  return runStep(deps, viewer, caseId, 'notify_owner', undefined, async ({ c, now, today, dossiers }) => {
    futureDeadline(input.deadline, today);
    await dossiers.update(c.id, { owner_notice_method: input.method, owner_notice_at: now, owner_deadline: input.deadline }, now);
    return {
      action: 'av_notice',
      audience: 'internal',
      data: { method: input.method, deadline: input.deadline },
      note: `${OWNER_NOTICE_METHOD_ZH[input.method]}车辆所有人于${dateZh(input.deadline)}前自行清理${input.note ? `：${input.note}` : ''}`,
    };
  });
}

/** 限期清理通知书: generated, stored, and its own deadline set. */
export function issuePublicNotice(deps: AvDeps, viewer: Viewer, caseId: number, input: PublicNoticeInput) {
  return runStep(deps, viewer, caseId, 'public_notice', undefined, async ({ c, d, now, today, campaigns, dossiers }) => {
    futureDeadline(input.deadline, today);
    const campaign = d.campaign_id ? await campaigns.byId(d.campaign_id) : undefined;
    const issuingUnit = input.issuingUnit ?? c.handler_unit_name ?? c.handler_region_name ?? viewer.regionName;
    const a = c.attributes;
    const docx = await publicNoticeDocx({
      caseNumber: c.number,
      plate: plateOf(c),
      brand: typeof a.brand === 'string' ? a.brand : null,
      vehicleKind: typeof a.vehicle_kind === 'string' ? a.vehicle_kind : null,
      signs: Array.isArray(a.signs) ? a.signs.map(String) : [],
      // A grid's name means nothing on a posted notice: without a typed address, give the point.
      place:
        c.address ??
        (c.lat !== null && c.lon !== null ? `${c.region_name}（东经${c.lon.toFixed(5)}°，北纬${c.lat.toFixed(5)}°附近）` : c.region_name),
      locationKind: typeof a.location_kind === 'string' ? a.location_kind : null,
      ownerKnown: d.owner_status === 'found',
      deadline: input.deadline,
      legalBasis: campaign?.legalBasis ?? '根据《平阴县废弃汽车专项治理工作方案》（平政办字〔2023〕7号），督促车辆所有人限期清理废弃汽车。',
      issuingUnit,
      issuedOn: today,
    });
    const saved = deps.files.save(NOTICE_AREA, docx, '.docx');
    await dossiers.update(
      c.id,
      {
        public_notice_method: input.method,
        public_notice_at: now,
        public_deadline: input.deadline,
        public_notice_sha: saved.sha256,
        issuing_unit: issuingUnit,
      },
      now,
    );
    return {
      action: 'av_public_notice',
      audience: 'public',
      data: { method: input.method, deadline: input.deadline, sha256: saved.sha256 },
      note: `${PUBLIC_NOTICE_METHOD_ZH[input.method]}：${issuingUnit}发布废弃汽车限期清理通知书，限${dateZh(input.deadline)}前清理`,
    };
  });
}

export function recordObjection(deps: AvDeps, viewer: Viewer, caseId: number, input: ObjectionInput) {
  return runStep(deps, viewer, caseId, 'objection', undefined, async ({ c, now, dossiers }) => {
    const objectionId = await dossiers.insertObjection({
      caseId: c.id,
      raisedAt: now,
      raisedBy: input.raisedBy,
      content: input.content,
      userId: viewer.userId,
    });
    return {
      action: 'av_objection',
      audience: 'internal',
      note: `${input.raisedBy}提出异议申诉，暂停处置：${input.content}`,
      data: { objectionId },
    };
  });
}

export function settleObjection(deps: AvDeps, viewer: Viewer, caseId: number, objectionId: number, resolution: string) {
  return runStep(deps, viewer, caseId, 'resolve_objection', undefined, async ({ c, now, dossiers }) => {
    const open = (await dossiers.objectionsOf(c.id)).find((o) => o.id === objectionId && o.resolved_at === null);
    if (!open) throw notFound('异议申诉');
    await dossiers.resolveObjection(objectionId, { at: now, resolution, userId: viewer.userId });
    return {
      action: 'av_objection_resolved',
      audience: 'internal',
      note: `异议申诉处理完毕，恢复处置：${resolution}`,
      data: { objectionId },
    };
  });
}

export function recordDisposal(deps: AvDeps, viewer: Viewer, caseId: number, input: DisposalInput) {
  return runStep(deps, viewer, caseId, 'disposal', input.outcome, async ({ c, now, dossiers }) => {
    const unit = c.handler_unit_name ?? c.handler_region_name ?? viewer.regionName;
    await dossiers.update(
      c.id,
      {
        disposal: input.outcome,
        disposal_at: now,
        disposal_unit: unit,
        receiving_unit: input.receivingUnit ?? null,
        disposal_note: input.note ?? null,
      },
      now,
    );
    return {
      action: 'av_disposal',
      audience: 'public',
      data: { outcome: input.outcome, receivingUnit: input.receivingUnit ?? null },
      note: `${DISPOSAL_ZH[input.outcome]}${input.receivingUnit ? `（接收单位：${input.receivingUnit}）` : ''}${input.note ? `：${input.note}` : ''}`,
    };
  });
}

/** The stored notice file of a case the viewer may read. */
export async function publicNoticeFile(deps: AvDeps, viewer: Viewer, caseId: number) {
  const { c, access } = await readCaseOfType(deps.casework, viewer, caseId, CASE_TYPE, DOSSIER);
  assertEvidence(access);
  const d = await deps.dossiers.byCase(caseId);
  if (!d?.public_notice_sha) throw notFound('限期清理通知书');
  return { path: deps.files.pathOf(NOTICE_AREA, d.public_notice_sha, '.docx'), fileName: `废弃汽车限期清理通知书-${c.number}.docx` };
}
