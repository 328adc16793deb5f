import type { AvDisposal } from '../../platform/db/schema.js';

/** Chinese names of the codes, as the plan and the county's forms write them. */
export const DISPOSAL_ZH: Record<AvDisposal, string> = {
  self_cleared: '自行清理',
  scrapped: '报废注销',
  enforced_after_refusal: '拒不办理报废注销，依《中华人民共和国行政强制法》处置',
  removed_chengguan: '城管部门依法清理',
  removed_police: '公安交管部门依法处置',
  road_law_article_100: '拼装或达到报废标准车辆上道路行驶，依《中华人民共和国道路交通安全法》第一百条处置',
  removed_parking: '停车主管部门、停车管理单位处置',
  civil_law: '依民法典等规定处置',
  transferred: '移交办案单位',
};

export const OWNER_NOTICE_METHOD_ZH: Record<string, string> = {
  phone: '电话告知',
  sms: '短信告知',
  in_person: '当面告知',
  letter: '书面告知',
};
export const PUBLIC_NOTICE_METHOD_ZH: Record<string, string> = {
  posted: '张贴通知书',
  media: '媒体公告',
  posted_and_media: '张贴通知书并媒体公告',
};

export const SIGN_ZH: Record<string, string> = {
  dust: '车身灰尘遍布',
  damaged: '外观残破',
  missing_parts: '部件缺失',
  flat_tyres: '轮胎干瘪',
  rust: '轮毂锈蚀',
  no_plate: '未悬挂号牌',
};
export const VEHICLE_KIND_ZH: Record<string, string> = { car: '小型轿车', suv: 'SUV', van: '面包车', truck: '货车', other: '' };

/**
 * Who disposes of a vehicle where it stands, and on what basis: 平政办字〔2023〕7号 二（二）3（1）–（3）.
 * Quoted on the 限期清理通知书 after the campaign's own legal-basis sentence. A residential estate
 * has no branch of its own in the plan (县住房保障服务中心 only guides the 物业 in the estate's public
 * areas, 三（二）4), so its notice names no disposing unit rather than one the plan does not.
 */
export const LOCATION_BASIS_ZH: Record<string, string> = {
  road: '该车辆停放于道路范围内，逾期未清理的，由公安交通管理部门依据《中华人民共和国道路交通安全法》第九十三条等规定进行处置。',
  public_area: '该车辆停放于道路范围外公共区域，逾期未清理的，由城市管理部门依据市容环境管理有关规定依法进行处置。',
  parking: '该车辆停放于停车场或路内停车泊位，逾期未清理的，由停车主管部门、停车管理单位依法处置。',
};

/** 二（二）3（4）: owners who cannot be found or reached. */
export const UNKNOWN_OWNER_BASIS_ZH =
  '对无法确认车辆所有人或无法与车辆所有人取得联系的，将根据《中华人民共和国民法典》《中华人民共和国民事诉讼法》等有关规定依法进行处置。';

/** 2023-10-31 → 2023年10月31日 */
export const dateZh = (isoDate: string) => {
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};

/** 鲁A12345 → 鲁A***45: enough to tell cars apart in a report that leaves the office. */
export function maskPlate(plate: string | null | undefined): string {
  if (!plate) return '无牌';
  return plate.length <= 4 ? plate[0] + '*'.repeat(plate.length - 1) : plate.slice(0, 2) + '*'.repeat(plate.length - 4) + plate.slice(-2);
}
