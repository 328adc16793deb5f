import type {
  AnnualTable,
  ApplicationActionInput,
  ApplicationDetail,
  ApplicationItem,
  ApplicationQuery,
  ApplicationState,
  RegisterApplicationInput,
  ReplyType,
  RevealApplicantInput,
} from '../../../common/contracts/disclosure.js';
import type { RevealedNumber } from '../../../common/contracts/reveal.js';
import { quoteFee } from '../../../common/disclosure-fees.js';
import type { Page } from '../../../common/contracts/shared.js';
import type { AuditEntry } from '../../platform/audit.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { offsetOf } from '../../platform/paging.js';
import { annualTable, AnnualTableMismatch } from './annual-table.js';
import { ACTION_ZH, STATE_ZH, stateAfter } from './application-states.js';
import type { ApplicationRow, ApplicationsRepository } from './applications.repository.js';
import { currentReplyDeadline, factsOf, presentDetail, presentItem, type ApplicationFacts } from './applications.presenter.js';
import { correctionNoticeDeadline, type DayCalendar } from './deadline.js';
import { applicationValues } from './application-values.js';
import { freshCode } from './public-form.js';
import { replyLetter, replyNumber, REPLY_TYPE_ZH, type ReplyLetter } from './reply-letter.js';

/** What the office's services need: the applications, the calendar and the day, the audit log, a transaction. */
export interface DisclosureDeps {
  applications: ApplicationsRepository;
  calendar: DayCalendar;
  /** Today in Asia/Shanghai, YYYY-MM-DD. */
  today: string;
  now: Date;
  audit(entry: AuditEntry): Promise<unknown>;
  transaction<T>(work: (deps: DisclosureDeps) => Promise<T>): Promise<T>;
  /** Counts one 查看完整号码 by the viewer, refusing (429) over the allowance (platform/reveal-limit.ts). */
  countReveal(): Promise<void>;
}

export async function listApplications(deps: DisclosureDeps, query: ApplicationQuery): Promise<Page<ApplicationItem>> {
  const { rows, total } = await deps.applications.list(
    { state: query.state, q: query.q || undefined },
    { offset: offsetOf(query), limit: query.pageSize },
  );
  return { items: rows.map((r) => presentItem(deps, r)), total };
}

export async function applicationDetail(deps: DisclosureDeps, id: number): Promise<ApplicationDetail> {
  const row = await deps.applications.byId(id);
  if (!row) throw notFound('申请');
  return presentDetail(deps, row, await factsOf(deps.applications, id));
}

const CHANNEL_ZH = { letter: '信函', in_person: '当面提交' } as const;

/**
 * An application that came by letter or to the counter, entered by the office: registered at
 * once, received on the day the letter was signed for or the applicant came (第三十一条), its
 * clock counted from that day. The applicant follows it with the tracking code the office gives.
 */
export async function registerReceivedApplication(
  deps: DisclosureDeps,
  viewer: Viewer,
  input: RegisterApplicationInput,
): Promise<ApplicationDetail> {
  if (input.receivedOn > deps.today) throw invalid('RECEIVED_IN_FUTURE', '收到申请之日不能晚于今天', { field: 'receivedOn' });
  const id = await deps.transaction(async (tx) => {
    const trackingCode = await freshCode(tx, Number(input.receivedOn.slice(0, 4)));
    const id = (await tx.applications.insert({
      tracking_code: trackingCode,
      ...applicationValues(input),
      channel: input.channel,
      state: 'reviewing',
      received_on: input.receivedOn,
      clock_start_on: input.receivedOn,
    }))!;
    const due = currentReplyDeadline(tx, (await tx.applications.byId(id))!, {
      correction: undefined,
      consultations: [],
      extension: undefined,
    });
    await tx.applications.update(id, { due_on: due?.dueOn ?? null });
    await tx.applications.addEvent({
      application_id: id,
      action: 'register',
      actor_user_id: viewer.userId,
      actor_name: viewer.displayName ?? viewer.username,
      note: `已登记（${CHANNEL_ZH[input.channel]}），收到申请之日为 ${input.receivedOn}`,
      state_after: 'reviewing',
    });
    await tx.audit({
      action: 'disclosure_register',
      entity: 'disclosure_application',
      entityId: id,
      detail: { trackingCode, channel: input.channel },
    });
    return id;
  });
  return applicationDetail(deps, id);
}

/**
 * An applicant's phone or ID number in full, to a viewer who may reveal numbers, with a reason:
 * the read and its audit line commit together, and the number is in this answer only.
 */
export async function revealApplicantNumber(
  deps: DisclosureDeps,
  viewer: Viewer,
  id: number,
  input: RevealApplicantInput,
): Promise<RevealedNumber> {
  if (!viewer.permissions.has('personal_data.reveal')) throw forbidden('您无权查看完整号码');
  await deps.countReveal();
  return deps.transaction(async (tx) => {
    const row = await tx.applications.byId(id);
    if (!row) throw notFound('申请');
    const value = input.field === 'phone' ? row.phone : row.id_number;
    if (value === null) throw conflict('NUMBER_NOT_RECORDED', '该申请人未填写证件号码');
    await tx.audit({
      action: 'reveal_personal_data',
      entity: 'disclosure_application',
      entityId: id,
      detail: { field: input.field, reason: input.reason },
    });
    return { value };
  });
}

/** 第三十六条: what each answer must carry. */
function checkedReply(input: Extract<ApplicationActionInput, { action: 'reply' }>) {
  const need = (value: unknown, field: string, message: string) => {
    if (!value) throw invalid('REPLY_INCOMPLETE', message, { field });
  };
  if (input.replyType === 'already_public')
    need(input.publicLocation, 'publicLocation', '已主动公开的，请写明获取该信息的方式和途径（第三十六条第一项）');
  if (input.replyType === 'not_ours')
    need(input.otherAgency, 'otherAgency', '不属于本机关负责公开的，请写明负责公开的机关（第三十六条第五项）');
  if (input.replyType === 'not_disclosed' || input.replyType === 'partly_disclosed') {
    need(input.withheldGround, 'withheldGround', '不予公开（含部分不予公开）的，请选择不予公开的类别');
    need(input.withheldReason, 'withheldReason', '不予公开（含部分不予公开）的，请写明理由和依据（第三十六条第三项）');
  }
}

/**
 * One step of the office on an application, in one transaction with its timeline line and its
 * audit line. A step the state does not allow is refused with the state and the step named.
 */
export async function actOnApplication(
  deps: DisclosureDeps,
  viewer: Viewer,
  id: number,
  input: ApplicationActionInput,
): Promise<ApplicationDetail> {
  return deps.transaction(async (tx) => {
    const row = await tx.applications.lockById(id);
    if (!row) throw notFound('申请');
    const from = row.state as ApplicationState;
    const to = stateAfter(from, input.action);
    if (!to)
      throw conflict('WRONG_STATE', `申请当前为“${STATE_ZH[from]}”，不能“${ACTION_ZH[input.action]}”`, {
        state: from,
        action: input.action,
      });
    const publicNote = await perform(tx, row, input);
    const facts = await factsOf(tx.applications, id);
    // Read again: the step may have set the day the clock counts from.
    const moved = { ...(await tx.applications.byId(id))!, state: to };
    const dueOn = ['reviewing', 'handling', 'consulting'].includes(to)
      ? (currentReplyDeadline(tx, moved, facts)?.dueOn ?? null)
      : to === 'awaiting_correction'
        ? null
        : row.due_on;
    await tx.applications.update(id, { state: to, due_on: dueOn });
    const actor = { actor_user_id: viewer.userId, actor_name: viewer.displayName ?? viewer.username };
    if (input.action !== 'note')
      await tx.applications.addEvent({
        application_id: id,
        action: input.action,
        ...actor,
        note: publicNote,
        internal: false,
        state_after: to,
      });
    const staffNote = 'note' in input ? input.note : undefined;
    if (staffNote)
      await tx.applications.addEvent({ application_id: id, action: 'note', ...actor, note: staffNote, internal: true, state_after: to });
    await tx.audit({
      action: `disclosure_${input.action}`,
      entity: 'disclosure_application',
      entityId: id,
      detail: { trackingCode: row.tracking_code, from, to },
    });
    return presentDetail(tx, (await tx.applications.byId(id))!, await factsOf(tx.applications, id));
  });
}

/** The step's own writes and checks; answers the line the applicant sees on the status page. */
async function perform(tx: DisclosureDeps, row: ApplicationRow, input: ApplicationActionInput): Promise<string | null> {
  const id = row.id;
  const today = tx.today;
  switch (input.action) {
    case 'register':
      // 第三十一条: the day the office confirms an online application is the day it is received.
      await tx.applications.update(id, { received_on: today, clock_start_on: today });
      return `已登记，收到申请之日为 ${today}`;
    case 'accept':
      return '申请已通过审核，转入办理';
    case 'request_correction': {
      const limit = correctionNoticeDeadline(tx.calendar, row.received_on!);
      if (today > limit.dueOn)
        throw conflict(
          'CORRECTION_TOO_LATE',
          `补正须在收到申请之日起 7 个工作日内一次性告知（截止 ${limit.dueOn}），已超过期限，请直接办理答复`,
          {
            dueOn: limit.dueOn,
          },
        );
      if (input.respondBy <= today) throw invalid('RESPOND_BY', '补正期限应晚于今天', { field: 'respondBy' });
      await tx.applications.insertCorrection({
        application_id: id,
        issued_on: today,
        requested: input.requested,
        respond_by: input.respondBy,
      });
      return `请于 ${input.respondBy} 前补正：${input.requested}`;
    }
    case 'receive_correction':
      // 第三十条: the reply period counts from the day the corrected application arrives.
      await tx.applications.correctionReceived(id, today, input.note ?? null);
      await tx.applications.update(id, { clock_start_on: today });
      return `已收到补正，答复期限自 ${today} 起重新计算`;
    case 'close_uncorrected': {
      const correction = (await tx.applications.correction(id))!;
      if (today <= correction.respond_by)
        throw conflict('CORRECTION_PERIOD_RUNNING', `补正期限（${correction.respond_by}）尚未届满，不能视为放弃申请`, {
          respondBy: correction.respond_by,
        });
      await tx.applications.update(id, { concluded_on: today });
      return '申请人逾期未补正，视为放弃申请（条例第三十条）';
    }
    case 'start_consultation':
      await tx.applications.insertConsultation({ application_id: id, kind: input.kind, party: input.party, started_on: today });
      // The party is not named to the applicant: a third party's identity may be what is protected.
      return `${input.kind === 'third_party' ? '征求第三方意见' : '征求其他机关意见'}，所需时间不计入答复期限（条例第三十三条）`;
    case 'end_consultation':
      await tx.applications.endConsultation(id, today, input.outcome);
      return '征求意见结束，继续办理';
    case 'extend': {
      if (await tx.applications.extension(id)) throw conflict('EXTENDED_ONCE', '答复期限只能延长一次（条例第三十三条第二款）');
      const due = currentReplyDeadline(tx, row, await factsOf(tx.applications, id));
      if (due && today > due.dueOn) throw conflict('DEADLINE_PASSED', `答复期限（${due.dueOn}）已过，不能再延长`, { dueOn: due.dueOn });
      await tx.applications.insertExtension({
        application_id: id,
        days: input.days,
        reason: input.reason,
        approver: input.approver,
        approved_on: today,
        notice: input.notice,
        notified_on: today,
      });
      return input.notice;
    }
    case 'set_fee': {
      const quote = quoteFee(input.method, input.quantity, input.priorPieces);
      await tx.applications.setFee({
        application_id: id,
        method: input.method,
        quantity: input.quantity,
        prior_pieces: input.priorPieces,
        amount_yuan: quote.amountYuan,
        explanation: quote.explanation,
        noticed_on: today,
      });
      return `信息处理费：${quote.explanation}`;
    }
    case 'reply': {
      checkedReply(input);
      const year = Number(today.slice(0, 4));
      const serial = await tx.applications.nextReplySerial(year);
      const number = replyNumber(year, serial);
      const withholds = input.replyType === 'not_disclosed' || input.replyType === 'partly_disclosed';
      await tx.applications.insertReply({
        application_id: id,
        reply_type: input.replyType,
        withheld_ground: withholds ? input.withheldGround! : null,
        year,
        serial,
        number,
        replied_on: today,
        content: input.content,
        public_location: input.replyType === 'already_public' ? input.publicLocation! : null,
        other_agency: input.replyType === 'not_ours' ? input.otherAgency! : null,
        withheld_reason: withholds ? input.withheldReason! : null,
      });
      await tx.applications.update(id, { concluded_on: today });
      return `已作出答复（${REPLY_TYPE_ZH[input.replyType]}），答复书 ${number}`;
    }
    case 'archive':
      await tx.applications.update(id, { archived_at: tx.now });
      return '已归档';
    case 'note':
      return null;
  }
}

/** The reply letter of an answered application, as content (reply-letter.ts). */
export function letterOf(row: ApplicationRow, facts: ApplicationFacts): ReplyLetter | null {
  const r = facts.reply;
  if (!r || !row.received_on) return null;
  return replyLetter({
    number: r.number,
    applicantName: row.applicant_name,
    trackingCode: row.tracking_code,
    description: row.description,
    receivedOn: row.received_on,
    correctionReceivedOn: facts.correction?.received_on ?? null,
    extension: facts.extension ? { days: facts.extension.days, reason: facts.extension.reason } : null,
    replyType: r.reply_type as ReplyType,
    content: r.content,
    publicLocation: r.public_location,
    otherAgency: r.other_agency,
    withheldReason: r.withheld_reason,
    fee: facts.fee ? { amountYuan: facts.fee.amount_yuan, explanation: facts.fee.explanation } : null,
    repliedOn: r.replied_on,
  });
}

export async function replyLetterOf(deps: Pick<DisclosureDeps, 'applications'>, row: ApplicationRow): Promise<ReplyLetter> {
  const letter = letterOf(row, await factsOf(deps.applications, row.id));
  if (!letter) throw new AppError(404, 'NO_REPLY_YET', '该申请尚未作出答复，没有答复书');
  return letter;
}

export async function officeReplyLetter(deps: DisclosureDeps, id: number): Promise<ReplyLetter> {
  const row = await deps.applications.byId(id);
  if (!row) throw notFound('申请');
  return replyLetterOf(deps, row);
}

/** 年度报告 表三 for a year; a table whose sums fail is refused with the failing row. */
export async function annualApplicationTable(deps: DisclosureDeps, year: number): Promise<AnnualTable> {
  const facts = await deps.applications.forAnnualTable(`${year}-01-01`, `${year}-12-31`);
  try {
    return annualTable(year, facts);
  } catch (e) {
    if (e instanceof AnnualTableMismatch) throw conflict('ANNUAL_TABLE_CHECKSUM', e.message, { row: e.row });
    throw e;
  }
}
