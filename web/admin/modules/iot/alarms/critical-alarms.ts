import { onScopeDispose, shallowRef, watch } from 'vue';
import type { AlarmDetail } from '@common/contracts/iot-alarms';
import { onLiveEvents } from '@lib/live-events';
import { alarmsApi } from './alarms-api';
import { withAlarm, withoutAlarm } from './critical-queue';
import { soundChoice, tone } from './alarm-sound';

/** How often the tone repeats while a critical alarm waits. */
const RING_EVERY_MS = 2500;

/**
 * The critical alarms of the viewer's scope that nobody has acknowledged, kept live from the event
 * stream (docs/decisions/031): loaded at start and after a reset, added on `alarm.raised`
 * (critical), removed on `alarm.acknowledged` or `alarm.closed` from anyone. While one waits and
 * the operator chose sound, the tone repeats.
 */
export function useCriticalAlarms() {
  const queue = shallowRef<AlarmDetail[]>([]);

  async function reload() {
    const page = await alarmsApi.list({ status: 'unacknowledged', severity: 'critical', pageSize: 50 });
    const details = await Promise.all(page.items.map((a) => alarmsApi.detail(a.id)));
    queue.value = details.filter((d) => d.awaitsAcknowledgement).reduce(withAlarm<AlarmDetail>, []);
  }
  async function add(id: number) {
    const alarm = await alarmsApi.detail(id);
    if (alarm.awaitsAcknowledgement) queue.value = withAlarm(queue.value, alarm);
  }
  const remove = (id: number) => (queue.value = withoutAlarm(queue.value, id));
  const quietly = (work: Promise<unknown>) => work.catch((e) => console.error(e)); // the next event or reset tries again

  onLiveEvents({
    event(e) {
      if (e.type === 'alarm.raised' && e.data.severity === 'critical') void quietly(add(e.data.alarmId));
      if (e.type === 'alarm.acknowledged' || e.type === 'alarm.closed') remove(e.data.alarmId);
    },
    reset: () => void quietly(reload()),
  });
  void quietly(reload());

  let ringing: ReturnType<typeof setInterval> | undefined;
  watch(
    () => queue.value.length > 0 && soundChoice.value === 'on',
    (ring) => {
      clearInterval(ringing);
      if (!ring) return;
      tone.ring();
      ringing = setInterval(() => tone.ring(), RING_EVERY_MS);
    },
    { immediate: true },
  );
  onScopeDispose(() => clearInterval(ringing));

  return { queue, remove };
}
