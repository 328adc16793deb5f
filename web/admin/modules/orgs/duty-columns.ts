import { t } from '@lib/i18n';
import type { Column } from '../../ui/DataTable.vue';

/**
 * The columns of a table of duties (分工) as the notices set them out. A unit's page names the
 * leader who holds each duty; a leader's page names the unit each duty concerns.
 */
export function dutyColumns(page: 'unit' | 'leader'): Column[] {
  return [
    ...(page === 'unit' ? [{ key: 'name', label: t('org.leaderName'), nowrap: true }] : []),
    // The 班子 each duty is held in: 赵传资 主持 the office in 县政府 and heads it in its own 班子.
    { key: 'body', label: t('org.body'), nowrap: true },
    { key: 'duty', label: t('org.duty'), enumGroup: 'duty', nowrap: true },
    { key: 'workArea', label: t('org.workArea') },
    ...(page === 'leader' ? [{ key: 'unitName', label: t('org.unit') }] : []),
    { key: 'assistsLeaderName', label: t('org.assists'), nowrap: true },
    { key: 'sourceDoc', label: t('org.sourceDoc') },
  ];
}
