import { alarmOverview as alarmOverviewSchema } from '../../../common/contracts/iot-overview.js';
import { guarded, typed, viewerOf, type App } from '../../platform/http.js';
import { scopedDb } from '../../platform/db/scoped-db.js';
import { alarmOverviewRepository } from './alarm-overview.repository.js';
import { alarmOverview } from './alarm-overview.service.js';

/** The control room's figures (监控大屏, docs/decisions/031). */
export async function alarmOverviewRoutes(app: App) {
  typed(app).get(
    '/api/iot/alarm-overview',
    guarded('iot.read', {
      tags: ['iot'],
      summary: '告警概况：未关闭告警按级别和状态计数，近 24 小时每小时告警数',
      response: { 200: alarmOverviewSchema },
    }),
    async (request) => alarmOverview(alarmOverviewRepository(await scopedDb(app.db, viewerOf(request))), app.casework.clock.now()),
  );
}
