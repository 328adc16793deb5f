import { AV_STEPS, type AvStep, type Disposal as AvDisposal } from '../../../common/abandoned-vehicles.js';

/**
 * The order of the plan's steps for one vehicle (平政办字〔2023〕7号 二（二）), pure: 车找人 first;
 * a known owner is told and given a deadline; a public notice (限期清理通知书) only when the owner
 * is unknown or let the deadline pass; an open 异议申诉 pauses disposal (四（二）完善异议申诉机制);
 * an outcome is recorded once. Removal against the owner's will waits for the deadline given,
 * so no vehicle is taken before its owner had the time the notice promised.
 */
export type { AvStep };

export interface DossierFacts {
  ownerStatus: 'unchecked' | 'found' | 'unknown';
  ownerDeadline: string | null;
  publicDeadline: string | null;
  publicNoticeIssued: boolean;
  objectionOpen: boolean;
  disposal: AvDisposal | null;
}

export interface Refusal {
  code: string;
  message: string;
}

const no = (code: string, message: string): Refusal => ({ code, message });

/** Why the step may not be taken today ('YYYY-MM-DD', local), or null. */
export function stepRefusal(step: AvStep, d: DossierFacts, today: string, outcome?: AvDisposal): Refusal | null {
  if (d.disposal && step !== 'resolve_objection') return no('ALREADY_DISPOSED', '该车辆已记录处置结果');
  switch (step) {
    case 'lookup':
      return d.ownerDeadline || d.publicNoticeIssued ? no('ALREADY_NOTIFIED', '已告知车辆所有人，不再重新查询') : null;
    case 'notify_owner':
      if (d.ownerStatus !== 'found')
        return no('OWNER_UNKNOWN', d.ownerStatus === 'unchecked' ? '请先按号牌查询车辆所有人' : '未查到车辆所有人，请发布限期清理通知书');
      return d.ownerDeadline ? no('ALREADY_NOTIFIED', '已告知车辆所有人') : null;
    case 'public_notice':
      if (d.publicNoticeIssued) return no('ALREADY_NOTIFIED', '已发布限期清理通知书');
      if (d.ownerStatus === 'unchecked') return no('LOOKUP_FIRST', '请先按号牌查询车辆所有人');
      if (d.ownerStatus === 'found' && !d.ownerDeadline) return no('NOTIFY_OWNER_FIRST', '车辆所有人明确，请先告知其自行清理');
      if (d.ownerStatus === 'found' && today <= d.ownerDeadline!)
        return no('DEADLINE_NOT_PASSED', `告知的清理期限（${d.ownerDeadline}）尚未届满`);
      return null;
    case 'objection':
      return d.objectionOpen ? no('OBJECTION_OPEN', '已有未处理的异议申诉') : null;
    case 'resolve_objection':
      return d.objectionOpen ? null : no('NO_OPEN_OBJECTION', '没有未处理的异议申诉');
    case 'disposal':
      if (d.objectionOpen) return no('OBJECTION_OPEN', '异议申诉处理完毕前暂停处置');
      return outcome ? outcomeRefusal(outcome, d, today) : null;
  }
}

function outcomeRefusal(outcome: AvDisposal, d: DossierFacts, today: string): Refusal | null {
  // The owner may clear the car at any time, and a car suspected in a crime goes to the police at once.
  if (outcome === 'self_cleared' || outcome === 'transferred') return null;
  if (outcome === 'scrapped') return d.ownerDeadline || d.publicNoticeIssued ? null : no('NOT_NOTIFIED', '报废注销须先告知车辆所有人');
  if (outcome === 'civil_law' && !d.publicNoticeIssued) return no('NOT_NOTIFIED', '依民法典处置须先发布限期清理通知书');
  const deadline = d.publicDeadline ?? d.ownerDeadline;
  if (!deadline) return no('NOT_NOTIFIED', '处置前须告知车辆所有人或发布限期清理通知书');
  return today <= deadline ? no('DEADLINE_NOT_PASSED', `清理期限（${deadline}）尚未届满`) : null;
}

/** The steps a client may offer now. */
export const availableSteps = (d: DossierFacts, today: string) => AV_STEPS.filter((s) => stepRefusal(s, d, today) === null);

/** The facts of a dossier row (or of none yet). */
export function factsOf(
  d:
    | {
        owner_status: DossierFacts['ownerStatus'];
        owner_deadline: string | null;
        public_deadline: string | null;
        public_notice_at: Date | null;
        disposal: AvDisposal | null;
      }
    | undefined,
  objectionOpen: boolean,
): DossierFacts {
  return {
    ownerStatus: d?.owner_status ?? 'unchecked',
    ownerDeadline: d?.owner_deadline ?? null,
    publicDeadline: d?.public_deadline ?? null,
    publicNoticeIssued: Boolean(d?.public_notice_at),
    objectionOpen,
    disposal: d?.disposal ?? null,
  };
}
