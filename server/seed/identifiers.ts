import { idCardCheckChar } from '../../common/id-card.js';
import { isoDate } from './calendar.js';
import { WeightedTable, type Random } from './random.js';

/**
 * Numbers that must be unique county-wide (身份证号, 手机号, 号牌) come from issuers that
 * remember what they handed out; a clash just draws again, so uniqueness never depends on luck.
 */
export class IdCardIssuer {
  // Keyed by number, not string: a few hundred thousand string keys made this the slow part.
  private readonly issued = new Set<number>();

  /** GB 11643: area, birth date, a sequence whose last digit is odd for men, then the check. */
  issue(random: Random, areaCode: string, birthDay: number, gender: 'male' | 'female'): string {
    const birth = isoDate(birthDay).replaceAll('-', '');
    for (;;) {
      const police = random.int(0, 99); // 派出所 part of the sequence
      const sequence = police * 10 + 2 * random.int(0, 4) + (gender === 'male' ? 1 : 0);
      const key = (Number(areaCode) * 100_000 + (birthDay + 50_000)) * 1000 + sequence; // < 2^53
      if (this.issued.has(key)) continue;
      this.issued.add(key);
      const first17 = `${areaCode}${birth}${String(sequence).padStart(3, '0')}`;
      return first17 + idCardCheckChar(first17);
    }
  }
}

// 号段 of the three carriers, weighted towards the older ones most people in a county still use.
const MOBILE_PREFIXES = new WeightedTable<string>([
  ['134', 4],
  ['135', 6],
  ['136', 5],
  ['137', 6],
  ['138', 7],
  ['139', 7],
  ['147', 1],
  ['150', 4],
  ['151', 4],
  ['152', 3],
  ['157', 2],
  ['158', 4],
  ['159', 4],
  ['178', 2],
  ['182', 3],
  ['183', 3],
  ['184', 1],
  ['187', 3],
  ['188', 3],
  ['198', 2],
  ['130', 3],
  ['131', 3],
  ['132', 3],
  ['155', 3],
  ['156', 3],
  ['166', 2],
  ['175', 1],
  ['176', 2],
  ['185', 3],
  ['186', 4],
  ['133', 2],
  ['153', 2],
  ['173', 1],
  ['177', 1],
  ['180', 2],
  ['181', 2],
  ['189', 2],
  ['191', 1],
  ['199', 1],
]);

export class PhoneIssuer {
  private readonly issued = new Set<number>();

  issue(random: Random): string {
    for (;;) {
      const phone = Number(MOBILE_PREFIXES.pick(random)) * 100_000_000 + random.int(0, 99_999_999);
      if (this.issued.has(phone)) continue;
      this.issued.add(phone);
      return String(phone);
    }
  }
}

const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'; // no I or O: they read as 1 and 0
const digit = (random: Random) => String(random.int(0, 9));

/** 号牌 of 济南 (鲁A). New-energy plates (新能源) have six characters, D or F first. */
export class PlateIssuer {
  private readonly issued = new Set<string>();

  issue(random: Random, newEnergy: boolean, prefix = '鲁A'): string {
    for (;;) {
      let tail: string;
      if (newEnergy) {
        tail = (random.chance(0.8) ? 'D' : 'F') + Array.from({ length: 5 }, () => digit(random)).join('');
      } else {
        const chars = Array.from({ length: 5 }, () => digit(random));
        const letters = random.chance(0.45) ? random.int(1, 2) : 0;
        for (let i = 0; i < letters; i++) chars[random.int(0, 4)] = PLATE_LETTERS[random.int(0, PLATE_LETTERS.length - 1)];
        tail = chars.join('');
      }
      const plate = prefix + tail;
      if (this.issued.has(plate)) continue;
      this.issued.add(plate);
      return plate;
    }
  }
}

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** 统一社会信用代码 (GB 32100): 91 (enterprise), area 370124, 9-char org code, check char. */
export function creditCode(random: Random): string {
  let body = '91370124';
  while (body.length < 17) body += CREDIT_CHARS[random.int(0, 9 + (body.length > 8 ? 20 : 0))];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CHARS.indexOf(body[i]) * CREDIT_WEIGHTS[i];
  return body + CREDIT_CHARS[(31 - (sum % 31)) % 31];
}

/** Where people come from: the area part of their ID number and the place written on a move. */
export interface HomeArea {
  code: string;
  place: string;
}

export const PINGYIN: HomeArea = { code: '370124', place: '山东省济南市平阴县' };

/** 户籍 residents born elsewhere whose 户口 has since moved to 平阴 keep their birth area code. */
export const NEARBY_AREAS: readonly HomeArea[] = [
  { code: '370102', place: '山东省济南市历下区' },
  { code: '370103', place: '山东省济南市市中区' },
  { code: '370104', place: '山东省济南市槐荫区' },
  { code: '370105', place: '山东省济南市天桥区' },
  { code: '370112', place: '山东省济南市历城区' },
  { code: '370113', place: '山东省济南市长清区' },
  { code: '370983', place: '山东省泰安市肥城市' },
  { code: '370923', place: '山东省泰安市东平县' },
  { code: '371521', place: '山东省聊城市阳谷县' },
  { code: '371524', place: '山东省聊城市东阿县' },
];

/** 流动人口 mostly come from the provinces around Shandong, and from Shandong's other cities. */
export const FAR_AREAS = new WeightedTable<HomeArea>([
  [{ code: '371502', place: '山东省聊城市东昌府区' }, 6],
  [{ code: '371522', place: '山东省聊城市莘县' }, 5],
  [{ code: '371526', place: '山东省聊城市高唐县' }, 3],
  [{ code: '370982', place: '山东省泰安市新泰市' }, 3],
  [{ code: '371424', place: '山东省德州市临邑县' }, 3],
  [{ code: '370126', place: '山东省济南市商河县' }, 3],
  [{ code: '371321', place: '山东省临沂市沂南县' }, 3],
  [{ code: '370826', place: '山东省济宁市微山县' }, 2],
  [{ code: '410928', place: '河南省濮阳市濮阳县' }, 4],
  [{ code: '410526', place: '河南省安阳市滑县' }, 4],
  [{ code: '411421', place: '河南省商丘市民权县' }, 3],
  [{ code: '411623', place: '河南省周口市商水县' }, 3],
  [{ code: '130424', place: '河北省邯郸市成安县' }, 2],
  [{ code: '131121', place: '河北省衡水市枣强县' }, 2],
  [{ code: '341221', place: '安徽省阜阳市临泉县' }, 3],
  [{ code: '341222', place: '安徽省阜阳市太和县' }, 2],
  [{ code: '341321', place: '安徽省宿州市砀山县' }, 2],
  [{ code: '320321', place: '江苏省徐州市丰县' }, 2],
  [{ code: '320322', place: '江苏省徐州市沛县' }, 2],
  [{ code: '140105', place: '山西省太原市小店区' }, 1],
  [{ code: '230102', place: '黑龙江省哈尔滨市道里区' }, 1],
  [{ code: '510623', place: '四川省德阳市中江县' }, 1],
]);
