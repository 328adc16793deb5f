import { idParams } from '../../../common/contracts/shared.js';
import {
  deviceEvents,
  deviceLatest,
  eventsQuery,
  healthQuery,
  healthReport as healthReportSchema,
} from '../../../common/contracts/iot-health.js';
import { guarded, typed, viewerOf, type App } from '../../platform/http.js';
import { scopedDb } from '../../platform/db/scoped-db.js';
import { deviceHealthRepository } from './device-health.repository.js';
import { eventsOf, healthReport, latestOf } from './device-health.service.js';

/** 设备健康 and a device's latest state and events (docs/decisions/032); everything through the viewer's scope. */
export async function deviceHealthRoutes(app: App) {
  const r = typed(app);
  const tags = ['iot'];

  r.get(
    '/api/iot/health',
    guarded('iot.read', {
      tags,
      summary: '设备健康：在线离线（按类型、按区域）、低电量、最久未上报、误报率、频繁告警',
      querystring: healthQuery,
      response: { 200: healthReportSchema },
    }),
    async (request) => {
      const scoped = await scopedDb(app.db, viewerOf(request), request.query.regionId);
      return healthReport(deviceHealthRepository(scoped), scoped.scope.path, request.query, app.casework.clock.now());
    },
  );

  r.get(
    '/api/iot/devices/:id/latest',
    guarded('iot.read', { tags, summary: '设备最新读数（按类型的字段与单位）', params: idParams, response: { 200: deviceLatest } }),
    async (request) => latestOf(deviceHealthRepository(await scopedDb(app.db, viewerOf(request))), request.params.id),
  );

  r.get(
    '/api/iot/devices/:id/events',
    guarded('iot.read', {
      tags,
      summary: '设备事件（摄像头、按钮等），新的在前，至多 500 条',
      params: idParams,
      querystring: eventsQuery,
      response: { 200: deviceEvents },
    }),
    async (request) =>
      eventsOf(
        deviceHealthRepository(await scopedDb(app.db, viewerOf(request))),
        request.params.id,
        request.query,
        app.casework.clock.now(),
      ),
  );
}
