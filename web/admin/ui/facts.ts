import { t } from '@lib/i18n';
import type { InfoItem } from './InfoList.vue';

/**
 * A record's facts for InfoList (RecordPage's `facts`), each labelled by the i18n key
 * `<section>.<key>`: `labelledFacts('grid', { name: g.name, code: g.code })` shows 名称 and 编码,
 * in the order the object gives them. A slot `fact-<key>` still replaces a value.
 */
export function labelledFacts(section: string, values: Record<string, InfoItem['value']>): InfoItem[] {
  return Object.entries(values).map(([key, value]) => ({ key, label: t(`${section}.${key}`), value }));
}
