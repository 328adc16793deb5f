import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { RouteTarget } from '../../../common/contracts/cases.js';
import { reportCaseBody } from '../../../common/contracts/cases.js';
import { invalid, notFound } from '../../platform/errors.js';
import { caseDeps, type CaseContext, type CaseDeps } from './context.js';
import { countyWide } from './cases.repository.js';
import { reportCase } from './report.js';
import { routeFor } from './routing.js';
import { planStep } from './steps.js';
import { isOpenStatus } from './states.js';
import type { CaseStatus } from '../../../common/enums.js';
import { recordCaseEvent } from './timeline.js';
import type { Audience } from './policy.js';

/**
 * Cases the platform opens and moves itself, with no person at a desk (an IoT alarm's case,
 * docs/decisions/030): reported as a system source, then 受理, 立案 and 派遣 at once by the
 * engine's own step plans (steps.ts) and routing, written as actOnCase writes a person's step,
 * under the name of the system that took them. Everything runs on the caller's transaction, so
 * the case and whatever the caller records of it commit together or not at all.
 */
export interface SystemActor {
  /** As the timeline names it: 物联感知平台. */
  name: string;
  unit: string;
}

export interface SystemCase {
  categoryCode: string;
  title: string;
  description: string;
  /** The grid or community the case lies in: the engine's routing sends it there unless its category names a unit. */
  regionId: number;
  address: string | null;
  point: { lon: number; lat: number } | null;
  /** A picture the case shows as a photo link (a camera's snapshot). */
  mediaUrl: string | null;
  urgent: boolean;
  /** What the source says it is (告警编号). */
  reference: string;
}

export interface OpenedCase {
  caseId: number;
  number: string;
  handler: RouteTarget;
}

/** The system's dispatcher relation: it takes only the desk's steps, on cases it opened. */
const AS_DESK = new Set(['dispatcher'] as const);

/** A case reported, accepted, registered and dispatched by the platform, on the transaction `trx`. */
export async function openDispatchedCase(ctx: CaseContext, trx: Kysely<DB>, actor: SystemActor, input: SystemCase): Promise<OpenedCase> {
  if (!trx.isTransaction) throw new Error('openDispatchedCase runs inside its caller’s transaction');
  const deps = caseDeps({ ...ctx, db: trx }, countyWide(trx));
  const categoryId = await categoryIdOf(deps, input.categoryCode);
  const reported = await reportCase(
    deps,
    { kind: 'system', source: 'iot', name: actor.name },
    {
      ...reportCaseBody.parse({
        categoryId,
        title: input.title,
        description: input.description,
        regionId: input.regionId,
        urgent: input.urgent,
        ...(input.address ? { address: input.address } : {}),
        ...(input.point ?? {}),
      }),
      reference: input.reference,
      ...(input.mediaUrl ? { mediaUrl: input.mediaUrl } : {}),
    },
  );
  await takeSystemStep(deps, reported.caseId, actor, { action: 'accept', note: '物联感知告警自动受理' });
  await takeSystemStep(deps, reported.caseId, actor, { action: 'register', note: '物联感知告警自动立案' });
  const c = await deps.cases.byId(reported.caseId);
  const route = await routeFor(deps, {
    categoryId: c!.category_id,
    caseType: c!.case_type,
    regionId: c!.region_id,
    regionPath: c!.region_path,
    attributes: c!.attributes,
  });
  await takeSystemStep(deps, reported.caseId, actor, { action: 'dispatch', route });
  return { caseId: reported.caseId, number: reported.number, handler: route.target };
}

/** A line the platform writes on a case's timeline. */
export interface SystemLine {
  action: string;
  note: string;
  audience: Audience;
  data?: Record<string, unknown>;
}

/** A line the platform adds to a case's timeline (an alarm cleared), without moving it. */
export async function noteOnCase(ctx: CaseContext, trx: Kysely<DB>, actor: SystemActor, caseId: number, line: SystemLine) {
  await noteIf(ctx, trx, actor, caseId, line, () => true);
}

/**
 * A line on a case that is still open (another alarm of the incident the case was opened for):
 * the case's number, or null, and nothing written, when the case has been closed since.
 */
export const noteOnOpenCase = (ctx: CaseContext, trx: Kysely<DB>, actor: SystemActor, caseId: number, line: SystemLine) =>
  noteIf(ctx, trx, actor, caseId, line, isOpenStatus);

async function noteIf(
  ctx: CaseContext,
  trx: Kysely<DB>,
  actor: SystemActor,
  caseId: number,
  line: SystemLine,
  when: (status: CaseStatus) => boolean,
) {
  const deps = caseDeps({ ...ctx, db: trx }, countyWide(trx));
  const c = await deps.cases.lock(caseId);
  if (!c) throw notFound('事件');
  if (!when(c.status as CaseStatus)) return null;
  await recordCaseEvent(deps.timeline, {
    caseId,
    at: deps.clock.now(),
    actor: { userId: null, name: actor.name, unit: actor.unit },
    fromStatus: c.status,
    toStatus: c.status,
    ...line,
  });
  return { number: c.number };
}

async function categoryIdOf(deps: CaseDeps, code: string) {
  const { byId } = await deps.catalogue.activeCategories();
  const found = [...byId.values()].find((c) => c.code === code);
  if (!found) throw invalid('UNKNOWN_CATEGORY', `事件分类“${code}”不存在或已停用`);
  return found.id;
}

type SystemStepInput =
  { action: 'accept' | 'register'; note: string } | { action: 'dispatch'; route: Awaited<ReturnType<typeof routeFor>> };

/** One desk step as actOnCase writes it: the plan, the row, the line, and the handlers told to sign. */
async function takeSystemStep(deps: CaseDeps, caseId: number, actor: SystemActor, input: SystemStepInput) {
  const c = await deps.cases.lock(caseId);
  if (!c) throw notFound('事件');
  const now = deps.clock.now();
  const plan = planStep(deps, c, input, AS_DESK, now);
  await deps.steps.updateCase(c.id, plan.changes);
  await recordCaseEvent(
    deps.timeline,
    { caseId, at: now, actor: { userId: null, name: actor.name, unit: actor.unit }, ...plan.line },
    { touchCase: false },
  );
  if (plan.handlersToTell) {
    const { unitId, regionId, title, body } = plan.handlersToTell;
    await deps.notify(await deps.cases.handlersOfTarget({ unitId, regionId }), {
      kind: 'case_dispatched',
      caseId,
      title,
      body,
      audience: 'internal',
      at: now,
    });
  }
}
