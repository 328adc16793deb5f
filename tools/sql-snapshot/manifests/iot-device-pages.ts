import { deviceHealthRepository } from '../../../server/domains/iot/device-health.repository.js';
import { ruleSettingsRepository } from '../../../server/domains/iot/rule-settings.repository.js';
import { repository, type FileManifest } from '../manifest.js';

/** 设备健康 and 规则设置 (docs/decisions/032): their own snapshot, beside the IoT domain's. */
const from = new Date('2026-11-05T00:00:00Z');
const to = new Date('2026-12-05T08:00:00Z');

export const iotDevicePages: FileManifest[] = [
  {
    file: 'server/domains/iot/device-health.repository.ts',
    repositories: [
      repository('deviceHealthRepository', (ctx) => deviceHealthRepository(ctx.scoped), {
        countsByType: { args: [], results: [[]] },
        countsByArea: { args: [6], results: [[]] },
        regionNames: { args: [[230, 231]], results: [[]] },
        lowBattery: { args: [20, 20], results: [[]] },
        lowBatteryCount: { args: [20], results: [[{ n: 0 }]] },
        silent: { args: [20], results: [[]] },
        falseAlarmsByType: { args: [from], results: [[]] },
        falseAlarmsByDevice: { args: [from, 20], results: [[]] },
        flapping: { args: [from, 10, 20], results: [[]] },
        latest: { args: [7], results: [[]] },
        events: { args: [7, from, to, 501], results: [[]] },
      }),
    ],
  },
  {
    file: 'server/domains/iot/rule-settings.repository.ts',
    repositories: [
      repository('ruleSettingsRepository', (ctx) => ruleSettingsRepository(ctx.scoped), {
        type: { args: ['gas_detector'], results: [[]] },
        typeRules: { args: ['gas_detector'], results: [[]] },
        lockTypeRule: { args: ['gas_detector', 'co_high'], results: [[]] },
        updateTypeRule: [12, '{"kind":"threshold"}', 43],
        device: { args: [7], results: [[]] },
        overrides: { args: [7], results: [[]] },
        upsertOverride: [{ typeCode: 'gas_detector', deviceId: 7, code: 'co_high', definition: '{"holdSeconds":60}', userId: 43 }],
        deleteOverride: { args: [7, 'co_high'], results: [[]] },
        restartCondition: ['co_high', { typeCode: 'gas_detector' }],
      }),
    ],
  },
];
