import type { CaseDetail, RouteTarget } from '../../../common/contracts/cases.js';
import { invalid } from '../../platform/errors.js';
import type { CaseDeps } from './context.js';
import { gridTarget, routeFor, type RoutingFacts } from './routing.js';

type AdviceDeps = Pick<CaseDeps, 'catalogue' | 'caseTypes' | 'cases' | 'handlingUnits'>;

/** Who could act at a target: the accounts that would be told of the dispatch and could sign for it. */
const handlersAt = async (deps: AdviceDeps, target: RouteTarget) =>
  (
    await deps.cases.handlersOfTarget(
      target.kind === 'unit' ? { unitId: target.orgUnitId, regionId: null } : { unitId: null, regionId: target.regionId },
    )
  ).length;

/**
 * The dispatcher's suggestion, checked before it is offered (issue 9, "dispatch that leads
 * somewhere"): a unit that is not configured to handle cases, or where no one could sign for
 * the case, gets a warning and the case's own grid (or community) as the fallback, with the
 * accounts that could act there.
 */
export async function dispatchAdvice(
  deps: AdviceDeps,
  c: RoutingFacts & { caseType: string },
): Promise<NonNullable<CaseDetail['suggestion']>> {
  const route = await routeFor(deps, c);
  const handlers = await handlersAt(deps, route.target);
  const handles = route.target.kind !== 'unit' || (await deps.handlingUnits.handles(route.target.orgUnitId));
  if (handles && handlers > 0) return { ...route, handlers, warning: null, fallback: null };
  const warning = handles ? `${route.target.name}尚无可签收事件的承办人账号，派遣后无人能签收` : `${route.target.name}未配置为承办单位`;
  const local = await gridTarget(deps.catalogue, c.regionId);
  const fallback = local.kind === route.target.kind && sameTarget(local, route.target) ? null : local;
  return {
    ...route,
    handlers,
    warning,
    fallback: fallback && { target: fallback, reason: '由事件所在网格（社区）先行处置', handlers: await handlersAt(deps, fallback) },
  };
}

const sameTarget = (a: RouteTarget, b: RouteTarget) =>
  a.kind === 'unit' ? b.kind === 'unit' && a.orgUnitId === b.orgUnitId : b.kind === 'grid' && a.regionId === b.regionId;

/** A dispatch or transfer goes only to a unit configured to handle cases (migrations/0014); a grid or community always may. */
export async function assertHandlesCases(deps: Pick<CaseDeps, 'handlingUnits'>, target: RouteTarget) {
  if (target.kind === 'unit' && !(await deps.handlingUnits.handles(target.orgUnitId)))
    throw invalid('UNIT_NOT_HANDLING_CASES', `${target.name}未配置为承办单位，不能派遣；请选择承办单位或属地网格`);
}
