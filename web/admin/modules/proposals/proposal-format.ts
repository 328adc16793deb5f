import type { Deadline } from '@common/contracts/proposals';
import { t } from '@lib/i18n';

/** How a deadline was counted, in words: 2026-03-02 起 3 个月，至 2026-06-02 (and an extension's reason). */
export function deadlineText(d: Deadline | null): string {
  if (!d) return t('proposals.deadline.unknown');
  const rule = t('proposals.deadline.rule', {
    from: d.from,
    amount: d.amount,
    unit: t(`proposals.deadline.${d.unit}`),
    due: d.due,
  });
  return d.extensionReason ? `${rule}；${t('proposals.deadline.extended', { due: d.due, reason: d.extensionReason })}` : rule;
}

/** The colour a deadline shows in: overdue red, within 7 days orange, else none. */
export function deadlineTone(d: Deadline | null, today: string): 'overdue' | 'soon' | null {
  if (!d) return null;
  if (d.due < today) return 'overdue';
  const week = new Date(Date.parse(`${today}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
  return d.due <= week ? 'soon' : null;
}
