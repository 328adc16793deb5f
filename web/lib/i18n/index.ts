import { createI18n } from 'vue-i18n';
import zhCN from './zh-CN';
import en from './en';
import identityZhCN from './identity.zh-CN';
import identityEn from './identity.en';
import uiZhCN from './ui.zh-CN';
import uiEn from './ui.en';
import mapZhCN from './map.zh-CN';
import mapEn from './map.en';
import openZhCN from './open.zh-CN';
import openEn from './open.en';
import gazetteZhCN from './gazette.zh-CN';
import gazetteEn from './gazette.en';
import proposalsZhCN from './proposals.zh-CN';
import proposalsEn from './proposals.en';
import disclosureZhCN from './disclosure.zh-CN';
import disclosureEn from './disclosure.en';
import tasksZhCN from './tasks.zh-CN';
import tasksEn from './tasks.en';
import documentsZhCN from './documents.zh-CN';
import documentsEn from './documents.en';
import gridWorkersZhCN from './grid-workers.zh-CN';
import gridWorkersEn from './grid-workers.en';
import mapDataZhCN from './map-data.zh-CN';
import mapDataEn from './map-data.en';

export type Locale = 'zh-CN' | 'en';
const STORAGE_KEY = 'civicgrid.locale';

function initialLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  // Sign-in throttling, password change and 账号管理 keep their strings in their own files, as do
  // the shared admin pieces (ui: menu groups, date picker, upload area), the maps, the public
  // column (/open) and the county office's work (the document library, gazette import,
  // proposals, 依申请公开, 督查督办).
  messages: {
    'zh-CN': {
      ...zhCN,
      identity: identityZhCN,
      ui: uiZhCN,
      map: mapZhCN,
      open: openZhCN,
      gazette: gazetteZhCN,
      proposals: proposalsZhCN,
      disclosure: disclosureZhCN,
      tasks: tasksZhCN,
      documents: documentsZhCN,
      gridWorkers: gridWorkersZhCN,
      mapData: mapDataZhCN,
    },
    en: {
      ...en,
      identity: identityEn,
      ui: uiEn,
      map: mapEn,
      open: openEn,
      gazette: gazetteEn,
      proposals: proposalsEn,
      disclosure: disclosureEn,
      tasks: tasksEn,
      documents: documentsEn,
      gridWorkers: gridWorkersEn,
      mapData: mapDataEn,
    },
  },
  missingWarn: false,
  fallbackWarn: false,
});

/** Shorthand for code outside components (router guards, API error fallbacks). */
export const t = i18n.global.t;

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
}

/**
 * Label for a code from common/enums.ts, e.g. enumLabel('houseUse', 'rented') → 出租. Unknown
 * codes show as themselves rather than as a missing-key path.
 */
export function enumLabel(group: string, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '—';
  const key = `enums.${group}.${code}`;
  return i18n.global.te(key) ? i18n.global.t(key) : code;
}
