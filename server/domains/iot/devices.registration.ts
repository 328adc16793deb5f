import type { DeviceIssued, DevicePlace, RegisterDeviceInput, UpdateDeviceInput } from '../../../common/contracts/iot-devices.js';
import type { AuditEntry } from '../../platform/audit.js';
import { AppError, conflict, invalid, isUniqueViolation, notFound } from '../../platform/errors.js';
import { assertSameRequest, fingerprintOf } from '../../platform/idempotency.js';
import type { InstallationPlace } from '../regions/index.js';
import { issueCredentials } from './credentials.js';
import type { DevicesRepository } from './devices.repository.js';

/**
 * 设备登记 and its corrections (docs/decisions/028). A device stands on a place of the viewer's
 * scope — an estate, a building or a house — which decides its region; a place outside the scope
 * is 404 as if it did not exist. A serial is registered once in the county (409). The secret is
 * issued here and answered once; every change is audited in its transaction.
 */
export interface RegistrationDeps {
  devices: Pick<DevicesRepository, 'byId' | 'serialRegistered' | 'byIdempotencyKey' | 'insert' | 'update' | 'type'>;
  /** The place in the scope, or undefined outside it (regions/index.ts installationPlace). */
  place(place: DevicePlace): Promise<InstallationPlace | undefined>;
  ownerUnitExists(id: number): Promise<boolean>;
  audit(entry: AuditEntry): Promise<unknown>;
  transaction<T>(work: (deps: RegistrationDeps) => Promise<T>): Promise<T>;
  now(): Date;
}

export type RegistrationResult = DeviceIssued | { id: number; credentials: null; replayed: true };

const SERIAL_EXISTS = (serial: string) => conflict('DEVICE_SERIAL_EXISTS', `设备编号 ${serial} 已登记`, { field: 'serial' });

async function placeInScope(deps: RegistrationDeps, place: DevicePlace): Promise<InstallationPlace> {
  const found = await deps.place(place);
  if (!found) throw new AppError(404, 'PLACE_NOT_IN_SCOPE', '所选安装位置不存在或不在您的管辖范围内', { field: 'estateId' });
  return found;
}

async function checkOwnerUnit(deps: RegistrationDeps, id: number | null | undefined) {
  if (id && !(await deps.ownerUnitExists(id))) throw invalid('OWNER_UNIT_NOT_FOUND', '所选产权/维护单位不存在', { field: 'ownerUnitId' });
}

/**
 * The place's columns: the place's own unit, floor and point unless the form gives them. A device
 * without a point of its own stands where its place does, so its alarm's case has a map and a
 * position in words — a detector in a village house (decision 049) has no estate or building to
 * name it by otherwise.
 */
const placeColumns = (
  p: InstallationPlace,
  input: { unitName?: string | null; floor?: number | null; lon?: number | null; lat?: number | null },
) => ({
  region_id: p.regionId,
  region_path: p.regionPath,
  estate_id: p.estateId,
  building_id: p.buildingId,
  house_id: p.houseId,
  unit_name: input.unitName !== undefined ? input.unitName : p.unitName,
  floor: input.floor !== undefined ? input.floor : p.floor,
  ...(input.lon == null && p.point && { lon: p.point.lon, lat: p.point.lat }),
});

/** The columns every form shares, as far as the input gives them. */
const detailColumns = (input: UpdateDeviceInput) => ({
  ...(input.name !== undefined && { name: input.name }),
  ...(input.unitName !== undefined && { unit_name: input.unitName }),
  ...(input.floor !== undefined && { floor: input.floor }),
  ...(input.lon !== undefined && { lon: input.lon, lat: input.lat ?? null }),
  ...(input.ownerUnitId !== undefined && { owner_unit_id: input.ownerUnitId }),
  ...(input.snapshotUrl !== undefined && { snapshot_url: input.snapshotUrl }),
  ...(input.streamUrl !== undefined && { stream_url: input.streamUrl }),
  ...(input.firmware !== undefined && { firmware: input.firmware }),
  ...(input.status !== undefined && { status: input.status }),
});

/**
 * Registers a device and issues its credentials. With an Idempotency-Key (scoped to the user), a
 * retry answers the first device without its secret (see deviceReplayed in the contract), and
 * the same key with another body is 422.
 */
export async function registerDevice(
  deps: RegistrationDeps,
  userId: number,
  input: RegisterDeviceInput,
  idempotencyKey?: string,
): Promise<RegistrationResult> {
  const key = idempotencyKey ? `user:${userId}:${idempotencyKey}` : null;
  const fingerprint = fingerprintOf(input);
  const replay = async () => {
    const earlier = key ? await deps.devices.byIdempotencyKey(key) : undefined;
    if (!earlier) return undefined;
    assertSameRequest(earlier.idempotency_fingerprint, fingerprint);
    return { id: earlier.id, credentials: null, replayed: true } as const;
  };
  const earlier = await replay();
  if (earlier) return earlier;
  try {
    return await deps.transaction(async (tx) => {
      const type = await tx.devices.type(input.typeCode);
      if (!type) throw invalid('DEVICE_TYPE_UNKNOWN', `没有设备类型 ${input.typeCode}`, { field: 'typeCode' });
      const place = await placeInScope(tx, input);
      await checkOwnerUnit(tx, input.ownerUnitId);
      if (await tx.devices.serialRegistered(input.serial)) throw SERIAL_EXISTS(input.serial);
      const { secretSha256, mosquittoHash, ...credentials } = issueCredentials(input.serial);
      const id = await tx.devices.insert({
        ...detailColumns(input),
        ...placeColumns(place, input),
        serial: input.serial,
        type_code: type.code,
        name: input.name ?? type.name,
        mqtt_username: credentials.username,
        secret_sha256: secretSha256,
        mosquitto_hash: mosquittoHash,
        credentials_issued_at: tx.now(),
        idempotency_key: key,
        idempotency_fingerprint: key ? fingerprint : null,
      });
      await tx.audit({ action: 'register_device', entity: 'iot_device', entityId: id, detail: { serial: input.serial, type: type.code } });
      return { id, credentials };
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    // Two tries at once: the loser meets the winner's key (a replay) or its serial (409).
    const winner = await replay();
    if (winner) return winner;
    throw SERIAL_EXISTS(input.serial);
  }
}

export async function updateDevice(deps: RegistrationDeps, id: number, input: UpdateDeviceInput): Promise<void> {
  await deps.transaction(async (tx) => {
    const current = await tx.devices.byId(id);
    if (!current) throw notFound('设备');
    const movesPlace = input.estateId !== undefined || input.buildingId !== undefined || input.houseId !== undefined;
    const place = movesPlace ? placeColumns(await placeInScope(tx, input), input) : {};
    await checkOwnerUnit(tx, input.ownerUnitId);
    await tx.devices.update(id, { ...detailColumns(input), ...place });
    await tx.audit({
      action: 'update_device',
      entity: 'iot_device',
      entityId: id,
      detail: { serial: current.serial, fields: Object.keys(input), ...(input.status && { status: input.status }) },
    });
  });
}

/**
 * New credentials for a device: a new user name and secret replace the old at once (the ingest
 * checks the stored hash on every sign-in), answered once.
 */
export async function reissueCredentials(deps: RegistrationDeps, id: number): Promise<DeviceIssued> {
  return deps.transaction(async (tx) => {
    const current = await tx.devices.byId(id);
    if (!current) throw notFound('设备');
    const { secretSha256, mosquittoHash, ...credentials } = issueCredentials(current.serial);
    await tx.devices.update(id, {
      mqtt_username: credentials.username,
      secret_sha256: secretSha256,
      mosquitto_hash: mosquittoHash,
      credentials_issued_at: tx.now(),
      credentials_pending: false,
    });
    await tx.audit({
      action: 'reissue_device_credentials',
      entity: 'iot_device',
      entityId: id,
      detail: { serial: current.serial, previousUsername: current.mqtt_username },
    });
    return { id, credentials };
  });
}
