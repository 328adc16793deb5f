import {
  stateFilter,
  type DeviceDetail,
  type DeviceItem,
  type DeviceQuery,
  type DeviceType,
} from '../../../common/contracts/iot-devices.js';
import type { Page } from '../../../common/contracts/shared.js';
import { notFound } from '../../platform/errors.js';
import { offsetOf } from '../../platform/paging.js';
import type { DevicesRepository } from './devices.repository.js';
import { presentDevice, presentDeviceDetail, presentDeviceType } from './devices.presenter.js';

/** What the device reads need: the viewer's devices and the type catalogue. */
export type DevicesDeps = { devices: Pick<DevicesRepository, 'list' | 'byId' | 'types' | 'typeRules'> };

export async function listDevices(deps: DevicesDeps, query: DeviceQuery): Promise<Page<DeviceItem>> {
  const { status, online } = query.state ? stateFilter(query.state) : query;
  const { rows, total } = await deps.devices.list(
    { q: query.q || undefined, typeCode: query.typeCode, status, online, estateId: query.estateId },
    { offset: offsetOf(query), limit: query.pageSize },
  );
  return { items: rows.map(presentDevice), total };
}

export async function deviceDetail(deps: DevicesDeps, id: number): Promise<DeviceDetail> {
  const device = await deps.devices.byId(id);
  if (!device) throw notFound('设备');
  return presentDeviceDetail(device);
}

/** Every type with its fields, events and its own rules as stored (an administrator's edits included). */
export async function deviceTypes(deps: DevicesDeps): Promise<{ items: DeviceType[] }> {
  const [types, rules] = await Promise.all([deps.devices.types(), deps.devices.typeRules()]);
  return { items: types.map((t) => presentDeviceType(t, rules)) };
}
