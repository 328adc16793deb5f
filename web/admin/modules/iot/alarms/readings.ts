import type { DeviceType } from '@common/contracts/iot-devices';
import { devicesApi } from '../devices-api';

type Value = number | boolean | string;

let types: Promise<DeviceType[]> | null = null;
/** The device types (their fields' names and units), fetched once a session: they change with a release, not a reading. */
export function deviceTypesOnce(): Promise<DeviceType[]> {
  types ??= devicesApi.types().catch((e) => {
    types = null; // asked again next time
    throw e;
  });
  return types;
}

/** A device's readings in words, by its type's field names and units: 烟雾 是 · 电量 87 %. */
export function readingsInWords(readings: Record<string, Value>, type: DeviceType | undefined, yes: string, no: string): string[] {
  return Object.entries(readings).map(([key, value]) => {
    const field = type?.fields.find((f) => f.key === key);
    const shown = typeof value === 'boolean' ? (value ? yes : no) : String(value);
    return `${field?.label ?? key} ${shown}${field?.unit && typeof value === 'number' ? ` ${field.unit}` : ''}`;
  });
}
