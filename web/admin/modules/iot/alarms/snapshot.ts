import type { AlarmDetail } from '@common/contracts/iot-alarms';

/**
 * The picture an alarm is shown with: its own device's snapshot, or for a detector without a
 * camera the nearest camera's that has one (the context lists them nearest first, decision 030)
 * — the same picture its case carries.
 */
export function alarmSnapshot(alarm: Pick<AlarmDetail, 'snapshotUrl' | 'deviceName' | 'context'>): { url: string; source: string } | null {
  if (alarm.snapshotUrl) return { url: alarm.snapshotUrl, source: alarm.deviceName };
  const camera = alarm.context.cameras.find((c) => c.snapshotUrl);
  return camera ? { url: camera.snapshotUrl!, source: camera.name } : null;
}
