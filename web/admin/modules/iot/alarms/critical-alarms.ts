import { computed, onScopeDispose, shallowRef, watch } from 'vue';
import type { AlarmDetail } from '@common/contracts/iot-alarms';
import { onLiveEvents } from '@lib/live-events';
import { alarmsApi } from './alarms-api';
import { pagesOf, withAlarm, withCase, withoutAlarm, withoutAlarms, type OpenedCase, type PopupPage } from './critical-queue';
import { soundChoice, tone } from './alarm-sound';

/** How often the tone repeats while a critical alarm waits. */
const RING_EVERY_MS = 2500;

/**
 * The critical alarms of the viewer's scope that nobody has acknowledged, kept live from the event
 * stream (docs/decisions/031, 039): loaded at start and after a reset, added on `alarm.raised`
 * (critical), removed on `alarm.acknowledged` or `alarm.closed` from anyone, given their case on
 * `alarm.case_opened`. The popup shows them as pages, a storm incident on one (critical-queue.ts).
 * While one waits and the operator chose sound, the tone repeats — one tone, however many alarms.
 */
export function useCriticalAlarms() {
  const queue = shallowRef<AlarmDetail[]>([]);
  /** Each incident's alarm count as the stream told it; and cases heard of before their alarm's detail came. */
  const counts = shallowRef(new Map<number, number>());
  const cases = new Map<number, OpenedCase>();
  const pages = computed<PopupPage<AlarmDetail>[]>(() => pagesOf(queue.value, counts.value));

  const withKnownCase = (alarm: AlarmDetail): AlarmDetail =>
    alarm.caseId === null && cases.has(alarm.id) ? { ...alarm, ...cases.get(alarm.id)! } : alarm;
  async function reload() {
    const page = await alarmsApi.list({ status: 'unacknowledged', severity: 'critical', pageSize: 50 });
    const details = await Promise.all(page.items.map((a) => alarmsApi.detail(a.id)));
    queue.value = details
      .filter((d) => d.awaitsAcknowledgement)
      .map(withKnownCase)
      .reduce(withAlarm<AlarmDetail>, []);
  }
  async function add(id: number) {
    const alarm = await alarmsApi.detail(id);
    if (alarm.awaitsAcknowledgement) queue.value = withAlarm(queue.value, withKnownCase(alarm));
  }
  function counted(incidentId: number | null, count: number | null) {
    if (incidentId === null || count === null || (counts.value.get(incidentId) ?? 0) >= count) return;
    counts.value = new Map(counts.value).set(incidentId, count);
  }
  const remove = (id: number) => (queue.value = withoutAlarm(queue.value, id));
  const quietly = (work: Promise<unknown>) => work.catch((e) => console.error(e)); // the next event or reset tries again

  onLiveEvents({
    event(e) {
      if (e.type === 'alarm.raised' && e.data.severity === 'critical') {
        counted(e.data.incidentId, e.data.incidentAlarmCount);
        void quietly(add(e.data.alarmId));
      }
      if (e.type === 'alarm.acknowledged' || e.type === 'alarm.closed') remove(e.data.alarmId);
      if (e.type === 'alarm.case_opened') {
        const opened = { caseId: e.data.caseId, caseNumber: e.data.caseNumber };
        cases.set(e.data.alarmId, opened);
        queue.value = withCase(queue.value, e.data.alarmId, opened) as AlarmDetail[];
      }
    },
    reset: () => void quietly(reload()),
  });
  void quietly(reload());

  /**
   * 确认 on a page: a lone alarm as before; a storm incident's every waiting alarm at once, through
   * the incident (one request, one transaction on the server), and any alarm of no incident the
   * page holds one by one.
   */
  async function acknowledge(page: PopupPage<AlarmDetail>) {
    if (page.alarms.length === 1) await alarmsApi.act(page.newest.id, { action: 'acknowledge' });
    else {
      for (const id of page.incidentIds) await alarmsApi.acknowledgeIncident(id);
      for (const alarm of page.alarms.filter((a) => a.incidentId === null)) await alarmsApi.act(alarm.id, { action: 'acknowledge' });
    }
    queue.value = withoutAlarms(
      queue.value,
      page.alarms.map((a) => a.id),
    );
  }

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

  return { queue, pages, acknowledge };
}
