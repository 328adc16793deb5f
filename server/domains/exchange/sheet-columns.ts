/**
 * The columns of the residents and houses workbooks, shared by the template, the importer
 * (which finds columns by header, so their order may change) and the exporter.
 */
export interface SheetColumn<K extends string = string> {
  key: K;
  header: string;
  required: boolean;
  width: number;
  note: string;
}

export const RESIDENT_COLUMNS = [
  { key: 'name', header: '姓名', required: true, width: 10, note: '居民姓名' },
  { key: 'idCard', header: '身份证号', required: true, width: 22, note: '18位居民身份证号码，出生日期和性别由号码自动得出' },
  { key: 'phone', header: '联系电话', required: false, width: 15, note: '手机号11位，座机带区号如 0531-87881234' },
  {
    key: 'populationType',
    header: '人口类型',
    required: true,
    width: 10,
    note: '户籍人口 / 常住人口 / 流动人口（可简写为 户籍、常住、流动）',
  },
  {
    key: 'address',
    header: '房屋标准地址',
    required: true,
    width: 50,
    note: '须是已登记房屋的标准地址，如 山东省济南市平阴县榆山街道锦源社区锦源小区3号楼2单元1502室',
  },
  { key: 'householdNo', header: '户号', required: false, width: 16, note: '同户成员填写相同户号；新户号将自动建户' },
  {
    key: 'relation',
    header: '与户主关系',
    required: false,
    width: 12,
    note: '户主（本人）/ 配偶 / 子女 / 父母 / 孙子女 / 祖父母 / 兄弟姐妹 / 其他，默认户主',
  },
  {
    key: 'tags',
    header: '标签',
    required: false,
    width: 20,
    note: '多个用顿号分隔：党员、残疾、低保A类、低保B类、低保C类、独居、退役军人、留守儿童',
  },
  { key: 'ethnicity', header: '民族', required: false, width: 8, note: '如 汉族' },
  { key: 'employer', header: '工作单位', required: false, width: 20, note: '' },
  { key: 'movedInOn', header: '迁入日期', required: false, width: 12, note: 'YYYY-MM-DD' },
] as const satisfies readonly SheetColumn[];

export const HOUSE_COLUMNS = [
  { key: 'town', header: '镇街', required: true, width: 10, note: '如 榆山街道' },
  { key: 'community', header: '社区村', required: true, width: 12, note: '如 锦源社区' },
  { key: 'estate', header: '小区', required: true, width: 14, note: '小区名称；新小区将自动建立' },
  { key: 'building', header: '楼栋', required: true, width: 8, note: '如 3号楼' },
  { key: 'unit', header: '单元', required: true, width: 8, note: '如 2单元' },
  { key: 'room', header: '房号', required: true, width: 8, note: '如 1502' },
  { key: 'floor', header: '楼层', required: true, width: 6, note: '整数' },
  { key: 'area', header: '面积', required: true, width: 8, note: '平方米，大于0' },
  { key: 'houseUse', header: '用途', required: true, width: 8, note: '自住 / 出租 / 空置 / 商用' },
  { key: 'rentalMode', header: '出租方式', required: false, width: 10, note: '出租时必填：整租 / 合租' },
  { key: 'rentalChannel', header: '出租渠道', required: false, width: 10, note: '出租时必填：中介 / 房东直租 / 网络平台 / 单位' },
  { key: 'monthlyRent', header: '月租金', required: false, width: 10, note: '出租时必填，元' },
  { key: 'tenantCount', header: '租住人数', required: false, width: 10, note: '出租时必填' },
  { key: 'grid', header: '网格', required: false, width: 10, note: '社区内的网格名称，如 第一网格' },
] as const satisfies readonly SheetColumn[];

export type ResidentColumnKey = (typeof RESIDENT_COLUMNS)[number]['key'];
export type HouseColumnKey = (typeof HOUSE_COLUMNS)[number]['key'];
export type RawRow<K extends string> = Partial<Record<K, string>>;
