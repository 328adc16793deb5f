import { idParams } from '../../../common/contracts/shared.js';
import { telemetryQuery, telemetrySeries } from '../../../common/contracts/iot-telemetry.js';
import { guarded, typed, viewerOf, type App } from '../../platform/http.js';
import { scopedDb } from '../../platform/db/scoped-db.js';
import { telemetryReadRepository } from './telemetry.repository.js';
import { telemetrySeriesOf } from './telemetry.service.js';

/** A device's telemetry history for its charts, downsampled on the server; a device outside the viewer's scope is 404. */
export async function iotTelemetryRoutes(app: App) {
  typed(app).get(
    '/api/iot/devices/:id/telemetry',
    guarded('iot.read', {
      tags: ['iot'],
      summary: '设备读数历史（服务端降采样）',
      params: idParams,
      querystring: telemetryQuery,
      response: { 200: telemetrySeries },
    }),
    async (request) => {
      const scoped = await scopedDb(app.db, viewerOf(request));
      return telemetrySeriesOf(telemetryReadRepository(scoped), request.params.id, request.query, app.casework.clock.now());
    },
  );
}
