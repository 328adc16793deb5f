import { t } from '@lib/i18n';
import type { DocumentItem } from '@common/contracts/documents';

/** 公开属性 in words; 待确认 when no one has decided. */
export const disclosureLabel = (d: DocumentItem['disclosure']) => t(`documents.disclosure.${d ?? 'undecided'}`);
