/**
 * Chinese words for the stored codes: one table for the Excel templates, imports and exports
 * and for the web clients' zh-CN catalogue (web/lib/i18n/zh-CN.ts), so a word is the same on
 * screen and in a spreadsheet.
 */
export const HOUSE_USE_ZH = { owner_occupied: '自住', rented: '出租', vacant: '空置', commercial: '商用' };
export const RENTAL_MODE_ZH = { whole: '整租', shared: '合租' };
export const RENTAL_CHANNEL_ZH = { agency: '中介', owner: '房东直租', platform: '网络平台', employer: '单位' };
export const POPULATION_TYPE_ZH = { registered: '户籍人口', resident: '常住人口', floating: '流动人口' };
export const RELATION_ZH = {
  self: '户主',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  grandchild: '孙子女',
  grandparent: '祖父母',
  sibling: '兄弟姐妹',
  other: '其他',
};
export const GENDER_ZH = { male: '男', female: '女' };
export const TAG_ZH = {
  party_member: '党员',
  disabled: '残疾',
  dibao_a: '低保A类',
  dibao_b: '低保B类',
  dibao_c: '低保C类',
  living_alone: '独居',
  veteran: '退役军人',
  left_behind_child: '留守儿童',
  over_60: '60岁以上',
};
export const VEHICLE_TYPE_ZH = {
  car: '小型轿车',
  suv: 'SUV',
  van: '面包车',
  truck: '货车',
  motorcycle: '摩托车',
  ev: '电动汽车',
  other: '其他',
};
export const SPECIAL_GROUP_ZH = {
  community_correction: '社区矫正对象',
  released_prisoner: '刑满释放人员',
  drug_user: '吸毒人员',
  severe_mental_disorder: '严重精神障碍患者',
  key_youth: '重点青少年',
  other: '其他重点人员',
};

/** Short forms people write in spreadsheets besides the full words above. */
export const POPULATION_TYPE_ALIASES = { 户籍: 'registered', 常住: 'resident', 流动: 'floating' } as const;
export const RELATION_ALIASES = { 本人: 'self' } as const;

/** Reverse lookup: '出租' → 'rented', also by code or alias. Unknown words give undefined. */
export function codeOf<T extends Record<string, string>>(
  labels: T,
  word: string,
  aliases: Record<string, keyof T> = {},
): keyof T | undefined {
  const w = word.trim();
  return (Object.keys(labels) as (keyof T)[]).find((k) => labels[k] === w || k === w) ?? aliases[w];
}
export const CASE_STATUS_ZH = {
  reported: '待受理',
  accepted: '已受理',
  rejected: '不予受理',
  registered: '已立案',
  dispatched: '已派遣',
  in_progress: '处置中',
  handled: '处置完成',
  verified: '已核查',
  closed: '已结案',
  evaluated: '已评价',
  suspended: '挂账',
  merged: '已合并',
};
export const CASE_SOURCE_ZH = {
  resident: '居民上报',
  grid_patrol: '网格巡查',
  hotline: '12345热线',
  open311: '开放接口',
  iot: '物联感知',
  property: '物业报修',
  staff: '工作人员录入',
};
export const CASE_ACTION_ZH = {
  report: '上报',
  accept: '受理',
  reject: '不予受理',
  register: '立案',
  dispatch: '派遣',
  sign: '签收',
  return: '退回',
  transfer: '转办',
  request_extension: '申请延期',
  request_suspension: '申请挂账',
  approve_request: '批准申请',
  refuse_request: '驳回申请',
  resume: '恢复办理',
  handle: '处置完成',
  verify: '核查通过',
  verify_fail: '核查不通过',
  close: '结案',
  evaluate: '评价',
  merge: '合并',
  comment: '备注',
  supervise: '督办',
  escalate: '升级督办',
  reopen: '重新办理',
  join: '补充反映',
  questionnaire: '回访',
};
export const SATISFACTION_ZH = { satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意' };
