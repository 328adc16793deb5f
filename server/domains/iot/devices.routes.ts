import {
  deviceDetail as deviceDetailSchema,
  deviceIssued,
  devicePage,
  deviceQuery,
  deviceReplayed,
  deviceTypeList,
  registerDeviceBody,
  updateDeviceBody,
} from '../../../common/contracts/iot-devices.js';
import { idParams } from '../../../common/contracts/shared.js';
import { XLSX_MEDIA_TYPE, xlsxDownload } from '../../../common/contracts/exchange.js';
import { writeAudit } from '../../platform/audit.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { scopedDb, type ScopedDb } from '../../platform/db/scoped-db.js';
import { attachment, guarded, listRoute, typed, viewerOf, type App } from '../../platform/http.js';
import { idempotencyKeyOf } from '../../platform/idempotency.js';
import { orgUnitById } from '../orgs/index.js';
import { installationPlace } from '../regions/index.js';
import { devicesRepository } from './devices.repository.js';
import { registerDevice, reissueCredentials, updateDevice, type RegistrationDeps } from './devices.registration.js';
import { deviceDetail, deviceTypes, listDevices } from './devices.service.js';
import { devicesImportRepository } from './devices-import.repository.js';
import { issueImportCredentials } from './devices-import.js';
import { credentialsWorkbook } from './credentials-workbook.js';

/** The device registry's API (设备管理, docs/decisions/028): validate, scope, call the service. */
export async function devicesRoutes(app: App) {
  const r = typed(app);
  const tags = ['iot'];
  const reads = (scoped: ScopedDb) => ({ devices: devicesRepository(scoped) });
  const registration = (scoped: ScopedDb, viewer: Viewer): RegistrationDeps => ({
    devices: devicesRepository(scoped),
    place: (place) => installationPlace(scoped, place),
    ownerUnitExists: async (id) => (await orgUnitById(scoped.unscoped, id)) !== undefined,
    audit: (entry) => writeAudit(scoped.unscoped, viewer, entry),
    transaction: (work) => scoped.unscoped.transaction().execute((trx) => work(registration(scoped.on(trx), viewer))),
    now: () => new Date(),
  });
  const scopedFor = async (viewer: Viewer) => scopedDb(app.db, viewer);

  r.get(
    '/api/iot/device-types',
    guarded('iot.read', { tags, summary: '设备类型（字段、事件与默认规则）', response: { 200: deviceTypeList } }),
    async (request) => deviceTypes(reads(await scopedFor(viewerOf(request)))),
  );

  listRoute(
    app,
    '/api/iot/devices',
    'iot.read',
    { tags, summary: '设备列表（类型、状态、在线、小区、区域筛选，编号或名称搜索）', querystring: deviceQuery, response: devicePage },
    (scoped, query) => listDevices(reads(scoped), query),
  );

  r.post(
    '/api/iot/devices',
    guarded('iot.manage', {
      tags,
      summary: '登记设备并签发凭据（密钥只在此应答中出现一次）；Idempotency-Key 头防止重复登记',
      body: registerDeviceBody,
      response: { 200: deviceReplayed, 201: deviceIssued },
    }),
    async (request, reply) => {
      const viewer = viewerOf(request);
      const result = await registerDevice(
        registration(await scopedFor(viewer), viewer),
        viewer.userId,
        request.body,
        idempotencyKeyOf(request),
      );
      return reply.status(result.credentials ? 201 : 200).send(result);
    },
  );

  r.get(
    '/api/iot/devices/:id',
    guarded('iot.read', { tags, summary: '设备详情', params: idParams, response: { 200: deviceDetailSchema } }),
    async (request) => deviceDetail(reads(await scopedFor(viewerOf(request))), request.params.id),
  );

  r.patch(
    '/api/iot/devices/:id',
    guarded('iot.manage', {
      tags,
      summary: '修改设备（名称、位置、地址、产权单位、状态）',
      params: idParams,
      body: updateDeviceBody,
      response: { 200: deviceDetailSchema },
    }),
    async (request) => {
      const viewer = viewerOf(request);
      const scoped = await scopedFor(viewer);
      await updateDevice(registration(scoped, viewer), request.params.id, request.body);
      return deviceDetail(reads(scoped), request.params.id);
    },
  );

  // POST, not GET: the download issues the credentials, so nothing may fetch it ahead (a prefetch, a link preview).
  r.post(
    '/api/iot/imports/:id/credentials.xlsx',
    guarded('iot.manage', {
      tags,
      summary: '一次性下载导入设备的凭据（导入后 30 分钟内，只能下载一次；密钥不在服务器保存）',
      params: idParams,
      response: { 200: xlsxDownload },
    }),
    async (request, reply) => {
      const viewer = viewerOf(request);
      const scoped = await scopedFor(viewer);
      const issued = await scoped.unscoped.transaction().execute(async (trx) => {
        const rows = await issueImportCredentials(
          { devices: devicesImportRepository(scoped.on(trx)), now: () => new Date() },
          request.params.id,
        );
        await writeAudit(trx, viewer, {
          action: 'download_import_credentials',
          entity: 'import_job',
          entityId: request.params.id,
          detail: { devices: rows.length },
        });
        return rows;
      });
      return reply
        .type(XLSX_MEDIA_TYPE)
        .header('Cache-Control', 'no-store')
        .header('Content-Disposition', attachment(`设备凭据-导入${request.params.id}.xlsx`))
        .send(await credentialsWorkbook(issued));
    },
  );

  r.post(
    '/api/iot/devices/:id/credentials',
    guarded('iot.manage', {
      tags,
      summary: '重新签发设备凭据（旧密钥立即失效；新密钥只在此应答中出现一次）',
      params: idParams,
      response: { 200: deviceIssued },
    }),
    async (request) => {
      const viewer = viewerOf(request);
      return reissueCredentials(registration(await scopedFor(viewer), viewer), request.params.id);
    },
  );
}
