import type { BatchOutcome } from '../../../common/contracts/exchange.js';
import type { DeviceCredentials } from '../../../common/contracts/iot-devices.js';
import { AppError } from '../../platform/errors.js';
import { emptyOutcome, rejectRow as reject, storeKeyed } from '../../platform/import-batch.js';
import { estateKey } from '../regions/index.js';
import { issueCredentials } from './credentials.js';
import type { DevicesImportRepository } from './devices-import.repository.js';

/**
 * Devices from Excel (docs/decisions/028), stored as 登记设备 stores one (devices.registration.ts):
 * keyed by serial, in an estate of the importer's scope — or one of its buildings, whose grid it
 * then belongs to — and a serial of another region refused, not moved. A new device is stored
 * with the hash of a secret nobody is told (credentials_pending): its credentials are issued by
 * the import's one-time download, so no secret waits anywhere, on disk or in the database.
 */
export interface ImportedDevice {
  row: number;
  serial: string;
  /** A type's name or code. */
  type: string;
  name: string | null;
  estate: { town: string; community: string; name: string };
  building: string | null;
  unitName: string | null;
  floor: number | null;
  lon: number | null;
  lat: number | null;
  snapshotUrl: string | null;
  streamUrl: string | null;
  firmware: string | null;
}

export interface DeviceBatchDeps {
  devices: Pick<DevicesImportRepository, 'inScope' | 'registered' | 'insert' | 'update'>;
  /** The county's device types, by name and by code. */
  types: Map<string, { code: string; name: string }>;
  /** Estates of the scope with these names, by '镇街|社区村|小区' (regions' estateKey). */
  estates(names: string[]): Promise<Map<string, { id: number; community_id: number; region_path: string }>>;
  buildings(
    estateIds: number[],
  ): Promise<{ id: number; estate_id: number; name: string; grid_id: number | null; grid_path: string | null }[]>;
  importJobId: number;
  now(): Date;
}

export async function storeDeviceBatch(deps: DeviceBatchDeps, rows: ImportedDevice[]): Promise<BatchOutcome> {
  const out = emptyOutcome();
  if (rows.length === 0) return out;
  const serials = rows.map((r) => r.serial);
  const existing = new Map((await deps.devices.inScope(serials)).map((d) => [d.serial, d]));
  const unknown = serials.filter((s) => !existing.has(s));
  const elsewhere = unknown.length ? await deps.devices.registered(unknown) : new Set<string>();
  const estates = await deps.estates(rows.map((r) => r.estate.name));
  const buildings = await deps.buildings([...new Set([...estates.values()].map((e) => e.id))]);

  for (const row of rows) {
    if (elsewhere.has(row.serial)) {
      out.errors.push(reject(row, '设备编号', 'SERIAL_ELSEWHERE', `设备编号 ${row.serial} 已在其他区域登记，不能导入到本辖区`));
      continue;
    }
    const type = deps.types.get(row.type);
    if (!type) {
      out.errors.push(reject(row, '设备类型', 'DEVICE_TYPE_UNKNOWN', `没有设备类型“${row.type}”，请填写模板说明中的类型名称或编码`));
      continue;
    }
    const estate = estates.get(estateKey(row.estate));
    if (!estate) {
      const where = `${row.estate.town}${row.estate.community}${row.estate.name}`;
      out.errors.push(reject(row, '小区', 'ESTATE_NOT_FOUND', `小区“${where}”不存在或不在您的管辖范围内`));
      continue;
    }
    const building = row.building ? buildings.find((b) => b.estate_id === estate.id && b.name === row.building) : undefined;
    if (row.building && !building) {
      out.errors.push(reject(row, '楼栋', 'BUILDING_NOT_FOUND', `小区“${row.estate.name}”没有楼栋“${row.building}”`));
      continue;
    }
    const values = {
      type_code: type.code,
      name: row.name ?? type.name,
      region_id: building?.grid_id ?? estate.community_id,
      region_path: building?.grid_path ?? estate.region_path,
      estate_id: estate.id,
      building_id: building?.id ?? null,
      unit_name: row.unitName,
      floor: row.floor,
      lon: row.lon,
      lat: row.lat,
      snapshot_url: row.snapshotUrl,
      stream_url: row.streamUrl,
      firmware: row.firmware,
    };
    await storeKeyed(out, existing.get(row.serial), values, {
      insert: () => {
        // Hashed and forgotten: the download issues the credentials that are told (decision 028).
        const { username, secretSha256 } = issueCredentials(row.serial);
        return deps.devices.insert({
          ...values,
          serial: row.serial,
          mqtt_username: username,
          secret_sha256: secretSha256,
          credentials_issued_at: deps.now(),
          import_job_id: deps.importJobId,
          credentials_pending: true,
        });
      },
      update: (id) => deps.devices.update(id, values),
    });
  }
  return out;
}

/** How long after an import its credentials may be downloaded; after it, a device's are re-issued one by one. */
export const CREDENTIALS_DOWNLOAD_MINUTES = 30;

export interface CredentialsDownloadDeps {
  devices: Pick<DevicesImportRepository, 'pendingOfJob' | 'update'>;
  now(): Date;
}

/**
 * The one-time download of an import's credentials: issues them for the job's devices still
 * waiting (locked, so a second download at once finds none) and answers them, to be written into
 * the response and nowhere else. Runs inside the caller's transaction.
 */
export async function issueImportCredentials(
  deps: CredentialsDownloadDeps,
  jobId: number,
): Promise<(DeviceCredentials & { serial: string })[]> {
  const now = deps.now();
  const since = new Date(now.getTime() - CREDENTIALS_DOWNLOAD_MINUTES * 60_000);
  const pending = await deps.devices.pendingOfJob(jobId, since);
  if (pending.length === 0)
    throw new AppError(
      410,
      'CREDENTIALS_GONE',
      `这次导入的设备凭据已下载过，或已超过 ${CREDENTIALS_DOWNLOAD_MINUTES} 分钟；请在设备列表中逐台“重发凭据”`,
    );
  const issued = [];
  for (const device of pending) {
    const { secretSha256, mosquittoHash, ...credentials } = issueCredentials(device.serial);
    await deps.devices.update(device.id, {
      mqtt_username: credentials.username,
      secret_sha256: secretSha256,
      mosquitto_hash: mosquittoHash,
      credentials_issued_at: now,
      credentials_pending: false,
    });
    issued.push({ serial: device.serial, ...credentials });
  }
  return issued;
}
