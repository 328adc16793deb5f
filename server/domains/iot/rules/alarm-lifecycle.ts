import type { AlarmAction, AlarmSeverity, ReadingValue } from '../../../../common/iot/rules.js';
import type { Transition } from './transitions.js';

/**
 * An alarm's life, pure (docs/decisions/026): what the engine's transitions do to it and what
 * people may do to it. One alarm per device and rule is open at a time; the caller passes the
 * latest one it has for the pair (or null) and stores what comes back. Its status is derived
 * from its times (alarmStatus in common/iot/rules.ts), so "cleared but nobody has looked" is
 * never lost. Who may act at all is the caller's policy, as for cases.
 */
export interface Alarm {
  severity: AlarmSeverity;
  raisedAt: number;
  /** The latest raise or repeat; `count` of them in all. */
  lastAt: number;
  count: number;
  value: ReadingValue | null;
  detail: string;
  /** The engine's view: the rule's condition still holds. */
  conditionActive: boolean;
  flapping: boolean;
  acknowledgedAt: number | null;
  acknowledgedBy: number | null;
  clearedAt: number | null;
  /** Null with a `clearedAt`: the condition cleared it, no person. */
  clearedBy: number | null;
  closedAt: number | null;
  closedBy: number | null;
}

export interface AlarmActor {
  userId: number;
  name: string;
}

/** A line of the alarm's history: who did what, when, and why. */
export interface AlarmActionRecord {
  action: AlarmAction;
  by: AlarmActor;
  at: number;
  note: string | null;
}

export interface AlarmRefusal {
  code: 'ALARM_CLOSED' | 'ALREADY_ACKNOWLEDGED' | 'ALREADY_CLEARED' | 'NOTE_REQUIRED';
  message: string;
}

export type AlarmActionResult = { ok: true; alarm: Alarm; record: AlarmActionRecord } | { ok: false; refusal: AlarmRefusal };

const CLOSED: AlarmRefusal = { code: 'ALARM_CLOSED', message: '告警已关闭，不能再执行此操作' };

/**
 * Ending an alarm whose condition still holds (a stuck detector, a false alarm found on site)
 * silences the rule until the condition goes away, since the engine raises no new alarm while it
 * holds; so whoever does it says why, whatever the severity.
 */
const endingNeedsNote = (alarm: Alarm, note: string | null): AlarmRefusal | null =>
  alarm.conditionActive && !note
    ? { code: 'NOTE_REQUIRED', message: '告警条件仍然存在，解除或关闭须填写说明（例如 现场核实为误报）' }
    : null;

/** Each action: what it needs of the alarm, and what it changes. */
const ACTIONS: Record<
  AlarmAction,
  { refusal(alarm: Alarm, note: string | null): AlarmRefusal | null; apply(alarm: Alarm, by: number, now: number): Alarm }
> = {
  acknowledge: {
    refusal: (alarm) =>
      alarm.closedAt !== null ? CLOSED : alarm.acknowledgedAt !== null ? { code: 'ALREADY_ACKNOWLEDGED', message: '告警已确认' } : null,
    apply: (alarm, by, now) => ({ ...alarm, acknowledgedAt: now, acknowledgedBy: by }),
  },
  clear: {
    refusal: (alarm, note) =>
      alarm.closedAt !== null
        ? CLOSED
        : alarm.clearedAt !== null
          ? { code: 'ALREADY_CLEARED', message: '告警已解除' }
          : endingNeedsNote(alarm, note),
    apply: (alarm, by, now) => ({ ...alarm, clearedAt: now, clearedBy: by }),
  },
  close: {
    refusal: (alarm, note) => (alarm.closedAt !== null ? CLOSED : endingNeedsNote(alarm, note)),
    // Closing is the strongest acknowledgement there is; whether the condition cleared stays its own fact.
    apply: (alarm, by, now) => ({
      ...alarm,
      closedAt: now,
      closedBy: by,
      acknowledgedAt: alarm.acknowledgedAt ?? now,
      acknowledgedBy: alarm.acknowledgedAt === null ? by : alarm.acknowledgedBy,
    }),
  },
  // A note may be added at any time, a closed alarm's review included.
  note: {
    refusal: (_alarm, note) => (note ? null : { code: 'NOTE_REQUIRED', message: '请填写备注内容' }),
    apply: (alarm) => alarm,
  },
};

/** A person's action on an alarm: the alarm as it becomes and the history line, or why not. */
export function applyAlarmAction(alarm: Alarm, action: AlarmAction, actor: AlarmActor, now: number, note?: string): AlarmActionResult {
  const text = note?.trim() || null;
  const refusal = ACTIONS[action].refusal(alarm, text);
  if (refusal) return { ok: false, refusal };
  return { ok: true, alarm: ACTIONS[action].apply(alarm, actor.userId, now), record: { action, by: actor, at: now, note: text } };
}

/** What the caller does with the alarm: insert a new one, update the one it passed, or nothing. */
export type AlarmUpdate = { effect: 'open'; alarm: Alarm } | { effect: 'update'; alarm: Alarm } | { effect: 'none' };

/** Open: neither cleared nor closed. The one alarm a raise must not duplicate. */
const isOpen = (alarm: Alarm | null): alarm is Alarm => alarm !== null && alarm.clearedAt === null && alarm.closedAt === null;

/** An engine transition applied to the device's latest alarm for the rule. */
export function applyTransition(alarm: Alarm | null, transition: Transition): AlarmUpdate {
  // A closed alarm is finished: a condition that still holds after it was closed (with a note) changes it no more.
  const live = alarm !== null && alarm.closedAt === null ? alarm : null;
  switch (transition.kind) {
    case 'raise':
      return raised(alarm, transition, false);
    case 'flapping':
      if (transition.on) return raised(alarm, transition, true);
      return live ? { effect: 'update', alarm: { ...live, flapping: false } } : { effect: 'none' };
    case 'repeat':
      return live ? { effect: 'update', alarm: counted(live, transition.at, transition.value) } : { effect: 'none' };
    case 'clear':
      if (!live?.conditionActive) return { effect: 'none' };
      return { effect: 'update', alarm: { ...live, conditionActive: false, clearedAt: live.clearedAt ?? transition.at } };
  }
}

interface Raise {
  at: number;
  severity: AlarmSeverity;
  value?: ReadingValue;
  detail: string;
}

function raised(alarm: Alarm | null, raise: Raise, flapping: boolean): AlarmUpdate {
  // The engine raises only after a clear; an open alarm here means its state was lost, and a second alarm would be wrong.
  if (isOpen(alarm)) return { effect: 'update', alarm: { ...counted(alarm, raise.at, raise.value), flapping: alarm.flapping || flapping } };
  const { at, severity, value, detail } = raise;
  return {
    effect: 'open',
    alarm: {
      severity,
      raisedAt: at,
      lastAt: at,
      count: 1,
      value: value ?? null,
      detail,
      conditionActive: true,
      flapping,
      acknowledgedAt: null,
      acknowledgedBy: null,
      clearedAt: null,
      clearedBy: null,
      closedAt: null,
      closedBy: null,
    },
  };
}

function counted(alarm: Alarm, at: number, value: ReadingValue | undefined): Alarm {
  return { ...alarm, count: alarm.count + 1, lastAt: Math.max(alarm.lastAt, at), value: value ?? alarm.value, conditionActive: true };
}
