import type { Random } from './random.js';

/**
 * Invented but plausible names for the places the seed documents do not name. Villages in the
 * hills of 平阴 are named after families (张庄), their position (东关, 后寨) or the land
 * (峪, 岭, 泉); estates after pleasant words. Nothing here claims to be a real place except
 * the ones the documents name (祥生未来城).
 */
const VILLAGE_FAMILIES = [
  '张',
  '王',
  '李',
  '刘',
  '孙',
  '赵',
  '于',
  '高',
  '田',
  '马',
  '孟',
  '魏',
  '宋',
  '郑',
  '董',
  '邢',
  '任',
  '姜',
  '苏',
  '杜',
  '韩',
  '石',
  '侯',
  '翟',
  '庞',
  '房',
  '纪',
  '尹',
  '曹',
  '吕',
];
const FAMILY_SUFFIXES = ['庄', '家庄', '村', '官庄', '店', '集', '屯', '楼', '营', '套', '洼', '家峪'];
const POSITIONS = ['东', '西', '南', '北', '前', '后', '大', '小', '上', '下'];
const LAND_WORDS = ['峪', '岭', '泉', '山', '河', '桥', '庙', '寨', '湾', '坡', '沟', '崖'];
const LAND_PREFIXES = [
  '石',
  '黄',
  '青',
  '白',
  '柳',
  '杏',
  '桃',
  '枣',
  '龙',
  '凤',
  '云',
  '玉',
  '松',
  '柏',
  '荆',
  '书院',
  '纸坊',
  '胡',
  '鹁鸽',
  '狼',
];

export function villageName(random: Random, taken: Set<string>): string {
  for (;;) {
    const style = random.next();
    let name: string;
    if (style < 0.5) name = random.pick(VILLAGE_FAMILIES) + random.pick(FAMILY_SUFFIXES);
    else if (style < 0.75) name = random.pick(POSITIONS) + random.pick(VILLAGE_FAMILIES) + random.pick(['庄', '村', '屯', '营']);
    else if (style < 0.85) name = random.pick(POSITIONS) + random.pick(['关', '街', '寨', '店', '门', '湖']);
    else name = random.pick(LAND_PREFIXES) + random.pick(LAND_WORDS);
    name = name.endsWith('村') ? name : `${name}村`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

const EXTRA_COMMUNITIES = [
  '府前社区',
  '青龙社区',
  '南关社区',
  '东岳社区',
  '书院社区',
  '锦华社区',
  '翠湖社区',
  '黄河社区',
  '东城社区',
  '西苑社区',
  '康泰社区',
  '凤凰社区',
];

export function communityName(random: Random, taken: Set<string>): string {
  const free = EXTRA_COMMUNITIES.filter((n) => !taken.has(n));
  const name = free.length > 0 ? random.pick(free) : `${villageName(random, taken).slice(0, -1)}社区`;
  taken.add(name);
  return name;
}

const ESTATE_PREFIXES = [
  '锦绣',
  '翠屏',
  '书香',
  '阳光',
  '玫瑰',
  '榆山',
  '龙山',
  '文昌',
  '滨湖',
  '金色',
  '福瑞',
  '康城',
  '盛世',
  '水岸',
  '东城',
  '西城',
  '南苑',
  '北辰',
  '怡景',
  '丽景',
  '和谐',
  '幸福',
  '润泽',
  '泰和',
  '翰林',
  '紫薇',
  '银杏',
  '凤凰',
  '青龙',
  '云翠',
  '锦华',
  '嘉和',
  '御景',
  '天和',
  '祥和',
];
const ESTATE_SUFFIXES = [
  '花园',
  '小区',
  '家园',
  '苑',
  '华庭',
  '名苑',
  '雅居',
  '新村',
  '佳园',
  '御府',
  '公馆',
  '嘉园',
  '山庄',
  '名都',
  '府',
  '园',
];

/** A 小区 name not yet used anywhere in the county. */
export function estateName(random: Random, taken: Set<string>): string {
  for (;;) {
    const prefix = random.pick(ESTATE_PREFIXES),
      suffix = random.pick(ESTATE_SUFFIXES);
    const name = prefix + suffix;
    if ([...suffix].some((ch) => prefix.includes(ch))) continue; // no 嘉和嘉园
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

export const STREETS = [
  '青龙路',
  '榆山路',
  '锦水路',
  '玫瑰路',
  '府前街',
  '东关大街',
  '翠屏街',
  '文化路',
  '黄河路',
  '云翠路',
  '平安街',
  '书院路',
  '中心街',
  '滨湖路',
  '龙山路',
  '锦东路',
  '文昌路',
  '建设路',
];

/**
 * 物业服务企业. 祥生 manages 祥生未来城, named as the first e-CNY pilot estate in the seed
 * documents (数字人民币方案 18, 附件 16).
 */
export const PROPERTY_COMPANIES = [
  '平阴县锦源物业服务有限公司',
  '平阴县榆山物业管理有限公司',
  '平阴县玫瑰湖物业服务有限公司',
  '山东锦绣物业管理有限公司',
  '平阴县安居物业服务有限公司',
  '济南翠屏物业管理有限公司',
  '祥生物业服务有限公司平阴分公司',
] as const;
export const XIANGSHENG_ESTATE = '祥生未来城';
export const XIANGSHENG_COMPANY = '祥生物业服务有限公司平阴分公司';
export const XIANGSHENG_TOWN = '锦水街道';

/** 第一网格 … 第九十九网格. */
export function chineseOrdinal(n: number): string {
  const digits = '零一二三四五六七八九';
  if (n < 10) return digits[n];
  if (n < 20) return `十${n % 10 ? digits[n % 10] : ''}`;
  if (n < 100) return `${digits[Math.floor(n / 10)]}十${n % 10 ? digits[n % 10] : ''}`;
  return String(n);
}

export const EMPLOYERS = [
  '平阴县人民医院',
  '平阴县中医医院',
  '平阴县第一中学',
  '平阴县实验中学',
  '平阴县职业中等专业学校',
  '平阴县玫瑰产业园',
  '平阴县供电公司',
  '平阴县农商银行',
  '平阴县自来水公司',
  '济南市区企业',
  '个体经营',
  '平阴县市场监督管理局',
  '平阴县人民政府',
  '平阴县物流园',
  '平阴县阿胶产业园企业',
];

export const VEHICLE_BRANDS: Record<string, readonly string[]> = {
  car: ['大众', '丰田', '本田', '日产', '别克', '吉利', '奇瑞', '长安', '现代', '福特', '雪佛兰', '奥迪', '宝马'],
  suv: ['哈弗', '长安', '吉利', '大众', '丰田', '本田', '传祺', '奇瑞', '比亚迪', '奔驰'],
  ev: ['比亚迪', '五菱', '特斯拉', '埃安', '理想', '蔚来', '小鹏', '零跑', '问界', '极氪'],
  van: ['五菱', '长安', '金杯', '江淮'],
  truck: ['福田', '江淮', '解放', '重汽', '东风'],
  motorcycle: ['雅马哈', '豪爵', '宗申', '钱江'],
  other: ['雷丁', '御捷', '宝雅'],
};
export const VEHICLE_COLORS = ['白色', '白色', '黑色', '黑色', '银色', '灰色', '红色', '蓝色', '棕色'];
