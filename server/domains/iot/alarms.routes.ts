import { idParams } from '../../../common/contracts/shared.js';
import { alarmActionBody, alarmDetail as alarmDetailSchema, alarmListQuery, alarmPage } from '../../../common/contracts/iot-alarms.js';
import { guarded, typed, viewerOf, type App } from '../../platform/http.js';
import { scopedDb, type ScopedDb } from '../../platform/db/scoped-db.js';
import { publishEvent } from '../../platform/events/publish.js';
import { alarmsRepository } from './alarms.repository.js';
import { actOnAlarm, alarmDetail, listAlarms, type AlarmsDeps } from './alarms.service.js';

const tags = ['iot'];

/** The alarm centre's API: list, read, act. Thin: scope, validate, call the service. */
export async function alarmsRoutes(app: App) {
  const r = typed(app);
  const deps = (scoped: ScopedDb): AlarmsDeps => ({
    alarms: alarmsRepository(scoped),
    clock: app.casework.clock,
    announce: (draft) => publishEvent(scoped.unscoped, draft),
    transaction: (work) => scoped.unscoped.transaction().execute((trx) => work(deps(scoped.on(trx)))),
  });
  const scopedFor = (request: Parameters<typeof viewerOf>[0]) => scopedDb(app.db, viewerOf(request));

  r.get(
    '/api/iot/alarms',
    guarded('iot.read', {
      tags,
      summary: '告警列表（未确认在前，按级别和时间）',
      querystring: alarmListQuery,
      response: { 200: alarmPage },
    }),
    async (request) => listAlarms(deps(await scopedFor(request)), request.query),
  );

  r.get(
    '/api/iot/alarms/:id',
    guarded('iot.read', { tags, summary: '告警详情与处置记录', params: idParams, response: { 200: alarmDetailSchema } }),
    async (request) => alarmDetail(deps(await scopedFor(request)), request.params.id),
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
    async (request) => actOnAlarm(deps(await scopedFor(request)), viewerOf(request), request.params.id, request.body),
  );
}
