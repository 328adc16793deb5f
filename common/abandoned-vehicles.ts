/**
 * The vocabulary of the abandoned-vehicle campaign (废弃汽车专项治理, 平政办字〔2023〕7号), for the
 * server's contract (common/contracts/abandoned-vehicles.ts) and the admin's forms alike. Codes are
 * English; the words users see are in the i18n catalogues (web/lib/i18n/av.*.ts).
 */

/** 告知方式: how the owner or the public was told. */
export const OWNER_NOTICE_METHODS = ['phone', 'sms', 'in_person', 'letter'] as const;
export const PUBLIC_NOTICE_METHODS = ['posted', 'media', 'posted_and_media'] as const;

/**
 * 分类处置 outcomes, one per branch of the plan (二（二）3): 自行清理; 报废注销 (道路交通安全法
 * 第十四条); removed by 城管 (市容环境), 公安交管 (第九十三条), 停车管理; 依民法典处置 for owners
 * who cannot be found; 移交办案单位 for vehicles suspected in a crime.
 */
export const DISPOSALS = [
  'self_cleared',
  'scrapped',
  'removed_chengguan',
  'removed_police',
  'removed_parking',
  'civil_law',
  'transferred',
] as const;
export type Disposal = (typeof DISPOSALS)[number];

/** The plan's steps for one vehicle, in their order (二（二）). */
export const AV_STEPS = ['lookup', 'notify_owner', 'public_notice', 'objection', 'resolve_objection', 'disposal'] as const;
export type AvStep = (typeof AV_STEPS)[number];
