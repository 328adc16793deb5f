import { idParams } from '../../../common/contracts/shared.js';
import {
  alarmActionBody,
  alarmDetail as alarmDetailSchema,
  alarmListQuery,
  alarmPage,
  incidentAcknowledgement,
} from '../../../common/contracts/iot-alarms.js';
import { guarded, typed, viewerOf, type App } from '../../platform/http.js';
import { scopedDb, type ScopedDb } from '../../platform/db/scoped-db.js';
import { publishEvent } from '../../platform/events/publish.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { localDateOf } from '../../platform/calendar/working-calendar.js';
import { residentsNeedingHelp } from '../people/index.js';
import { gridWorkersOf } from '../regions/index.js';
import { camerasNear } from './alarm-cameras.js';
import { alarmsRepository } from './alarms.repository.js';
import { acknowledgeIncident, actOnAlarm, alarmDetail, listAlarms, type AlarmsDeps } from './alarms.service.js';

const tags = ['iot'];

/** The alarm centre's API: list, read, act. Thin: scope, validate, call the service. */
export async function alarmsRoutes(app: App) {
  const r = typed(app);
  const deps = (scoped: ScopedDb, viewer: Viewer): AlarmsDeps => ({
    alarms: alarmsRepository(scoped),
    clock: app.casework.clock,
    announce: (draft) => publishEvent(scoped.unscoped, draft),
    context: {
      // Residents as the people pages show them: only to a viewer who may read residents at all.
      residentsNeedingHelp: viewer.permissions.has('residents.read')
        ? (buildingId) => residentsNeedingHelp(scoped, viewer, buildingId, localDateOf(app.casework.clock.now()))
        : null,
      gridWorkers: (gridId) => gridWorkersOf(scoped, gridId),
      cameras: (place) => camerasNear(scoped, place),
    },
    transaction: (work) => scoped.unscoped.transaction().execute((trx) => work(deps(scoped.on(trx), viewer))),
  });
  const depsFor = async (request: Parameters<typeof viewerOf>[0]) => {
    const viewer = viewerOf(request);
    return deps(await scopedDb(app.db, viewer), viewer);
  };

  r.get(
    '/api/iot/alarms',
    guarded('iot.read', {
      tags,
      summary: '告警列表（未确认在前，按级别和时间）',
      querystring: alarmListQuery,
      response: { 200: alarmPage },
    }),
    async (request) => listAlarms(await depsFor(request), request.query),
  );

  r.get(
    '/api/iot/alarms/:id',
    guarded('iot.read', { tags, summary: '告警详情与处置记录', params: idParams, response: { 200: alarmDetailSchema } }),
    async (request) => alarmDetail(await depsFor(request), request.params.id),
  );

  r.post(
    '/api/iot/alarms/:id/actions',
    guarded('iot.alarms', {
      tags,
      summary: '确认、解除、关闭告警或添加备注（条件仍存在时解除或关闭须填写说明）',
      params: idParams,
      body: alarmActionBody,
      response: { 200: alarmDetailSchema },
    }),
    async (request) => actOnAlarm(await depsFor(request), viewerOf(request), request.params.id, request.body),
  );

  // The control room's popup shows a storm incident as one page and acknowledges it with one click (decision 039).
  r.post(
    '/api/iot/incidents/:id/acknowledge',
    guarded('iot.alarms', {
      tags,
      summary: '确认告警事件：同一事件中尚未确认的告警一并确认（逐条记录）',
      params: idParams,
      response: { 200: incidentAcknowledgement },
    }),
    async (request) => acknowledgeIncident(await depsFor(request), viewerOf(request), request.params.id),
  );
}
