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
 * 第十四条); 拒不办理报废注销的依法强制 (行政强制法 第十二、十三、五十、五十二条); removed by 城管
 * (市容环境) or 公安交管 (第九十三条); 拼装车辆、达到报废标准的车辆上道路行驶 (道路交通安全法
 * 第一百条); 停车主管部门、停车管理单位 for parking lots and on-street spaces; 依民法典处置 for owners
 * who cannot be found; 移交办案单位 for vehicles suspected in a crime.
 */
export const DISPOSALS = [
  'self_cleared',
  'scrapped',
  'enforced_after_refusal',
  'removed_chengguan',
  'removed_police',
  'road_law_article_100',
  'removed_parking',
  'civil_law',
  'transferred',
] as const;
export type Disposal = (typeof DISPOSALS)[number];

/** The plan's steps for one vehicle, in their order (二（二）). */
export const AV_STEPS = ['lookup', 'notify_owner', 'public_notice', 'objection', 'resolve_objection', 'disposal'] as const;
export type AvStep = (typeof AV_STEPS)[number];
