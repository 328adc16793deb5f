import { randomInt } from 'node:crypto';
import type {
  ApplicationReceipt,
  PublicApplicationStatus,
  StatusLookup,
  SubmitApplicationInput,
} from '../../../common/contracts/disclosure.js';
import { normalizePhone } from '../../../common/phone.js';
import type { AuditEntry } from '../../platform/audit.js';
import { invalid, notFound } from '../../platform/errors.js';
import { assertSameRequest, fingerprintOf } from '../../platform/idempotency.js';
import { rateLimited, type RateCount } from '../../platform/rate-limit.js';
import type { ApplicationsRepository } from './applications.repository.js';
import { applicationValues } from './application-values.js';
import { presentPublicStatus } from './applications.presenter.js';
import type { DayCalendar } from './deadline.js';

/**
 * The public side of 依申请公开: the form, its receipt, and the applicant's status page. The
 * form is guarded as sign-in is (a proof-of-work puzzle, common/proof-of-work.ts, spent once;
 * a hidden field robots fill) and counted per address; the status page answers only to the
 * tracking code together with the phone or e-mail given, and says the same "not found" for a
 * wrong code and a wrong contact, so it cannot be used to learn which codes exist.
 */
export interface PublicFormDeps {
  applications: ApplicationsRepository;
  /** Checks a solved puzzle and spends it; false when it is missing, wrong, expired or spent. */
  challengeSolved(solution: { token: string; nonce: string }): Promise<boolean>;
  /** Counts one try of `use` from the caller's address. */
  countTry(use: 'apply' | 'status'): Promise<RateCount>;
  audit(entry: AuditEntry): Promise<unknown>;
  transaction<T>(work: (deps: PublicFormDeps) => Promise<T>): Promise<T>;
  calendar: DayCalendar;
  today: string;
}

/** Subject of the form's puzzles: a colon no username may hold (USERNAME_PATTERN). */
export const FORM_CHALLENGE_SUBJECT = 'form:disclosure-application';
/** 2^16 hashes: a few hundred milliseconds in a browser, per form sent. */
export const FORM_CHALLENGE_DIFFICULTY = 16;
export const TRY_LIMITS = {
  apply: { windowMs: 60 * 60_000, limit: 5 },
  status: { windowMs: 10 * 60_000, limit: 30 },
} as const;

// Without 0/O, 1/I/L: read aloud over the phone and typed back without confusion.
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** YS2024-7KQ3M9TX: about 10^12 codes a year, so the contact beside it is not the only guard. */
export function newTrackingCode(year: number): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `YS${year}-${code}`;
}

export async function submitApplication(
  deps: PublicFormDeps,
  input: SubmitApplicationInput,
  idempotencyKey?: string,
): Promise<ApplicationReceipt> {
  if (input.website) throw invalid('SPAM_SUSPECTED', '提交未通过安全检查，请刷新页面后重新填写');
  const key = idempotencyKey ? `open:${idempotencyKey}` : null;
  const fingerprint = fingerprintOf({ ...input, challenge: undefined });
  // A retry of a form already filed answers with its receipt, whatever the limits say now.
  if (key) {
    const earlier = await deps.applications.byIdempotencyKey(key);
    if (earlier) return replay(deps, earlier, fingerprint);
  }
  const tries = await deps.countTry('apply');
  if (tries.exceeded) throw rateLimited(tries, '提交申请过于频繁，请稍后再试');
  if (!(await deps.challengeSolved(input.challenge)))
    throw invalid('CHALLENGE_FAILED', '安全验证未通过或已过期，请重新提交', { challengeRequired: true });

  const receipt = await deps.transaction(async (tx) => {
    const trackingCode = await freshCode(tx, Number(deps.today.slice(0, 4)));
    const id = await tx.applications.insert({
      tracking_code: trackingCode,
      ...applicationValues(input),
      state: 'submitted',
      idempotency_key: key,
      idempotency_fingerprint: fingerprint,
    });
    if (id === null) return null;
    await tx.applications.addEvent({ application_id: id, action: 'submit', actor_name: '申请人', state_after: 'submitted' });
    await tx.audit({ action: 'disclosure_submit', entity: 'disclosure_application', entityId: id, detail: { trackingCode } });
    return (await tx.applications.byId(id))!;
  });
  // The same key raced in from another request: answer with the one that won.
  if (!receipt) return replay(deps, (await deps.applications.byIdempotencyKey(key!))!, fingerprint);
  return {
    trackingCode: receipt.tracking_code,
    submittedAt: receipt.submitted_at.toISOString(),
    applicantName: receipt.applicant_name,
    description: receipt.description,
  };
}

async function replay(deps: PublicFormDeps, earlier: { id: number; idempotency_fingerprint: string | null }, fingerprint: string) {
  assertSameRequest(earlier.idempotency_fingerprint, fingerprint);
  const row = (await deps.applications.byId(earlier.id))!;
  return {
    trackingCode: row.tracking_code,
    submittedAt: row.submitted_at.toISOString(),
    applicantName: row.applicant_name,
    description: row.description,
  };
}

/** A tracking code no application holds yet. */
export async function freshCode(deps: { applications: Pick<ApplicationsRepository, 'trackingCodeTaken'> }, year: number): Promise<string> {
  for (;;) {
    const code = newTrackingCode(year);
    if (!(await deps.applications.trackingCodeTaken(code))) return code;
  }
}

/** The applicant's own application, by its code and the contact given with it; 404 for anything else. */
export async function applicationStatus(deps: PublicFormDeps, lookup: StatusLookup): Promise<PublicApplicationStatus> {
  const tries = await deps.countTry('status');
  if (tries.exceeded) throw rateLimited(tries, '查询过于频繁，请稍后再试');
  const row = await deps.applications.byTrackingCode(lookup.trackingCode);
  const contact = lookup.contact.trim();
  const matches =
    row && (normalizePhone(contact) === row.phone || (row.email !== null && contact.toLowerCase() === row.email.toLowerCase()));
  if (!row || !matches) throw notFound('申请（请核对查询码和联系方式）');
  return presentPublicStatus(deps, row);
}
