import { deviceUrl, serial as serialRule } from '../../../common/contracts/iot-devices.js';
import type { ImportedDevice } from '../iot/index.js';
import type { DeviceColumnKey, RawRow } from './sheet-columns.js';
import { RowProblems } from './row-errors.js';
import { pointOfRow } from './point-cells.js';

/**
 * Checks one row of the devices sheet, field by field, and says every problem it finds (the rules
 * of 登记设备, common/contracts/iot-devices.ts). The type and the place are found when the batch is
 * stored, among the types and the estates of the importer's scope.
 */
export function parseDeviceRow(row: number, raw: RawRow<DeviceColumnKey>) {
  const p = new RowProblems(row);
  const text = (k: DeviceColumnKey) => raw[k]?.trim() ?? '';
  const optional = (k: DeviceColumnKey, label: string, max: number) => {
    const v = text(k);
    if (v.length > max) p.add(label, 'TOO_LONG', `${label}过长（最多${max}字）`);
    return v || null;
  };

  const serial = serialRule.safeParse(text('serial'));
  if (!text('serial')) p.add('设备编号', 'REQUIRED', '设备编号不能为空');
  else if (!serial.success) p.add('设备编号', 'SERIAL_INVALID', serial.error.issues[0].message);
  const type = text('type');
  if (!type) p.add('设备类型', 'REQUIRED', '设备类型不能为空');

  const estate = { town: text('town'), community: text('community'), name: text('estate') };
  if (!Object.values(estate).every(Boolean)) p.add('小区', 'ESTATE_REQUIRED', '安装所在小区须同时填写镇街、社区村和小区');

  let floor: number | null = null;
  if (text('floor')) {
    floor = Number(text('floor'));
    if (!Number.isInteger(floor) || floor < -10 || floor > 200) p.add('楼层', 'NUMBER', '楼层应为 -10 到 200 之间的整数');
  }
  const url = (k: 'snapshotUrl' | 'streamUrl', label: string) => {
    if (!text(k)) return null;
    const checked = deviceUrl.safeParse(text(k));
    if (!checked.success) p.add(label, 'URL_INVALID', `${label}：${checked.error.issues[0].message}`);
    return checked.success ? checked.data : null;
  };

  const value = {
    row,
    type,
    name: optional('name', '名称', 50),
    estate,
    building: optional('building', '楼栋', 20),
    unitName: optional('unit', '单元', 20),
    floor,
    ...pointOfRow(p, text),
    snapshotUrl: url('snapshotUrl', '抓拍图片地址'),
    streamUrl: url('streamUrl', '视频流地址'),
    firmware: optional('firmware', '固件版本', 50),
  };
  if (p.any || !serial.success) return { ok: false as const, errors: p.list };
  return { ok: true as const, value: { ...value, serial: serial.data } satisfies ImportedDevice };
}
