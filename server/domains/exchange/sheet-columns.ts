/**
 * The columns of the residents, houses, vehicles and estates workbooks, shared by the template, the importer
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

/** A row's GCJ-02 point, both or neither (point-cells.ts reads them). */
const POINT_COLUMNS = (lonNote: string) =>
  [
    { key: 'lon', header: '经度', required: false, width: 12, note: `GCJ-02 坐标（高德、腾讯地图拾取），如 116.455123；${lonNote}` },
    { key: 'lat', header: '纬度', required: false, width: 12, note: 'GCJ-02 坐标，如 36.286912' },
  ] as const;

/**
 * A house is in an estate (小区 楼栋 单元 房号 楼层) or a village house (组 门牌号 经度 纬度,
 * docs/decisions/049); a row gives one place or the other (house-rows.ts), so neither set is
 * required by the header.
 */
export const HOUSE_COLUMNS = [
  { key: 'town', header: '镇街', required: true, width: 10, note: '如 榆山街道' },
  { key: 'community', header: '社区村', required: true, width: 12, note: '如 锦源社区、小河村' },
  { key: 'estate', header: '小区', required: false, width: 14, note: '小区房屋必填：小区名称；新小区将自动建立' },
  { key: 'building', header: '楼栋', required: false, width: 8, note: '小区房屋必填，如 3号楼' },
  { key: 'unit', header: '单元', required: false, width: 8, note: '小区房屋必填，如 2单元' },
  { key: 'room', header: '房号', required: false, width: 8, note: '小区房屋必填，如 1502' },
  { key: 'floor', header: '楼层', required: false, width: 6, note: '小区房屋必填，整数' },
  { key: 'villageGroup', header: '组/自然村', required: false, width: 10, note: '村组门牌房屋：如 3组 或 李家庄，没有可不填' },
  { key: 'doorNumber', header: '门牌号', required: false, width: 8, note: '村组门牌房屋必填，如 15号；不填小区、楼栋、单元、房号' },
  ...POINT_COLUMNS('村组门牌房屋必填'),
  { key: 'area', header: '面积', required: true, width: 8, note: '平方米，大于0' },
  { key: 'houseUse', header: '用途', required: true, width: 8, note: '自住 / 出租 / 空置 / 商用' },
  { key: 'rentalMode', header: '出租方式', required: false, width: 10, note: '出租时必填：整租 / 合租' },
  { key: 'rentalChannel', header: '出租渠道', required: false, width: 10, note: '出租时必填：中介 / 房东直租 / 网络平台 / 单位' },
  { key: 'monthlyRent', header: '月租金', required: false, width: 10, note: '出租时必填，元' },
  { key: 'tenantCount', header: '租住人数', required: false, width: 10, note: '出租时必填' },
  { key: 'grid', header: '网格', required: false, width: 10, note: '社区内的网格名称，如 第一网格' },
] as const satisfies readonly SheetColumn[];

/** Where a row's estate is: town, community and the estate's name (names are unique in a community). */
const ESTATE_PLACE = (estateNote: string) =>
  [
    { key: 'town', header: '镇街', required: false, width: 10, note: '如 榆山街道' },
    { key: 'community', header: '社区村', required: false, width: 12, note: '如 锦源社区' },
    { key: 'estate', header: '小区', required: false, width: 14, note: estateNote },
  ] as const;

export const VEHICLE_COLUMNS = [
  { key: 'plate', header: '号牌', required: true, width: 12, note: '如 鲁A12345，新能源 鲁AD12345；同一号牌重复导入时更新该车辆' },
  { key: 'vehicleType', header: '车辆类型', required: true, width: 10, note: '小型轿车 / SUV / 面包车 / 货车 / 摩托车 / 电动汽车 / 其他' },
  { key: 'brand', header: '品牌', required: false, width: 10, note: '' },
  { key: 'color', header: '颜色', required: false, width: 8, note: '' },
  { key: 'ownerIdCard', header: '车主身份证号', required: false, width: 22, note: '须是本辖区已登记的居民；与停放小区至少填一项' },
  ...ESTATE_PLACE('停放小区，须是本辖区已登记的小区（同时填写镇街和社区村）；与车主至少填一项，决定车辆所属区域'),
  { key: 'parkingSpace', header: '车位', required: false, width: 10, note: '如 B-12' },
] as const satisfies readonly SheetColumn[];

export const ESTATE_COLUMNS = [
  { key: 'town', header: '镇街', required: true, width: 10, note: '如 榆山街道' },
  { key: 'community', header: '社区村', required: true, width: 12, note: '如 锦源社区' },
  { key: 'name', header: '小区名称', required: true, width: 14, note: '同一社区内小区名称唯一；已有的小区按名称更新' },
  { key: 'address', header: '地址', required: true, width: 30, note: '如 榆山路8号' },
  { key: 'builtYear', header: '建成年份', required: false, width: 10, note: '四位年份，如 2008' },
  { key: 'propertyCompany', header: '物业公司', required: false, width: 20, note: '须是已登记的物业公司全称' },
  ...POINT_COLUMNS('与纬度同时填写'),
] as const satisfies readonly SheetColumn[];

/** 物联感知设备 (docs/decisions/028): installed on an estate of the scope, or one of its buildings. */
export const DEVICE_COLUMNS = [
  {
    key: 'serial',
    header: '设备编号',
    required: true,
    width: 18,
    note: '设备铭牌上的编号，3–64 位字母、数字或 . _ -；同一编号重复导入时更新该设备',
  },
  { key: 'type', header: '设备类型', required: true, width: 18, note: '设备类型名称或编码，如 独立式烟感探测器 或 smoke_detector' },
  { key: 'name', header: '名称', required: false, width: 16, note: '不填则用设备类型名称' },
  ...ESTATE_PLACE('安装所在小区，须是本辖区已登记的小区（同时填写镇街和社区村）；决定设备所属社区'),
  { key: 'building', header: '楼栋', required: false, width: 10, note: '小区内已登记的楼栋，如 3号楼；填写后设备属于楼栋所在网格' },
  { key: 'unit', header: '单元', required: false, width: 8, note: '如 2单元' },
  { key: 'floor', header: '楼层', required: false, width: 6, note: '-10 至 200 的整数' },
  ...POINT_COLUMNS('与纬度同时填写'),
  { key: 'snapshotUrl', header: '抓拍图片地址', required: false, width: 24, note: '仅支持 http、https、rtsp 地址' },
  { key: 'streamUrl', header: '视频流地址', required: false, width: 24, note: '仅支持 http、https、rtsp 地址' },
  { key: 'firmware', header: '固件版本', required: false, width: 10, note: '' },
] as const satisfies readonly SheetColumn[];

export type ResidentColumnKey = (typeof RESIDENT_COLUMNS)[number]['key'];
export type HouseColumnKey = (typeof HOUSE_COLUMNS)[number]['key'];
export type VehicleColumnKey = (typeof VEHICLE_COLUMNS)[number]['key'];
export type EstateColumnKey = (typeof ESTATE_COLUMNS)[number]['key'];
export type DeviceColumnKey = (typeof DEVICE_COLUMNS)[number]['key'];

/** Each kind of import's columns: its template, its reader and its rejected rows use the same. */
export const COLUMNS_OF = {
  residents: RESIDENT_COLUMNS,
  houses: HOUSE_COLUMNS,
  vehicles: VEHICLE_COLUMNS,
  estates: ESTATE_COLUMNS,
  devices: DEVICE_COLUMNS,
} as const satisfies Record<string, readonly SheetColumn[]>;

/** The sheet's name in a template, and the template's file name. */
export const SHEET_NAMES = { residents: '居民', houses: '房屋', vehicles: '车辆', estates: '小区', devices: '设备' } as const;
export type RawRow<K extends string> = Partial<Record<K, string>>;
