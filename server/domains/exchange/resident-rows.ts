import { parseIdCard } from '../../../common/id-card.js';
import { isValidPhone, normalizePhone } from '../../../common/phone.js';
import { POPULATION_TYPE_ALIASES, POPULATION_TYPE_ZH, RELATION_ALIASES, RELATION_ZH, TAG_ZH, codeOf } from '../../../common/labels-zh.js';
import type { RawRow, ResidentColumnKey } from './sheet-columns.js';
import { RowProblems } from './row-errors.js';
import { ISO_DAY_MESSAGE, isIsoDay } from '../../../common/dates.js';
import type { ImportedResident } from '../people/index.js';

const STORED_TAGS = Object.fromEntries(Object.entries(TAG_ZH).filter(([k]) => k !== 'over_60')) as Record<string, string>;

/** Checks one row of the residents sheet, field by field, and says every problem it finds. */
export function parseResidentRow(row: number, raw: RawRow<ResidentColumnKey>, today: string) {
  const p = new RowProblems(row);
  const text = (k: ResidentColumnKey) => raw[k]?.trim() ?? '';

  const name = text('name');
  if (!name) p.add('姓名', 'REQUIRED', '姓名不能为空');
  else if (name.length > 30) p.add('姓名', 'TOO_LONG', '姓名过长（最多30字）');

  const id = parseIdCard(text('idCard'));
  if (!text('idCard')) p.add('身份证号', 'REQUIRED', '身份证号不能为空');
  else if (!id.ok) p.add('身份证号', id.code, id.message);

  let phone: string | null = null;
  if (text('phone')) {
    phone = normalizePhone(text('phone'));
    if (!isValidPhone(phone)) p.add('联系电话', 'PHONE_INVALID', '联系电话格式不正确');
  }

  const populationType = codeOf(POPULATION_TYPE_ZH, text('populationType'), POPULATION_TYPE_ALIASES);
  if (!populationType) p.add('人口类型', 'ENUM', '人口类型应为 户籍人口、常住人口 或 流动人口（可简写为 户籍、常住、流动）');

  const address = text('address');
  if (!address) p.add('房屋标准地址', 'REQUIRED', '房屋标准地址不能为空');

  const relation = text('relation') ? codeOf(RELATION_ZH, text('relation'), RELATION_ALIASES) : 'self';
  if (!relation) p.add('与户主关系', 'ENUM', `与户主关系应为 ${Object.values(RELATION_ZH).join('、')} 之一`);

  const tags: string[] = [];
  for (const word of text('tags')
    .split(/[、,，;；\s]+/)
    .filter(Boolean)) {
    const tag = codeOf(STORED_TAGS, word);
    if (tag) tags.push(tag);
    else p.add('标签', 'ENUM', `未知标签“${word}”`);
  }

  const movedInOn = text('movedInOn') || null;
  if (movedInOn && !isIsoDay(movedInOn)) p.add('迁入日期', 'DATE', `迁入日期：${ISO_DAY_MESSAGE}`);
  else if (movedInOn && movedInOn > today) p.add('迁入日期', 'DATE_IN_FUTURE', '迁入日期不能晚于今天');

  if (p.any || !id.ok) return { ok: false as const, errors: p.list };
  const value: ImportedResident = {
    row,
    name,
    idCard: id.idCard,
    gender: id.gender,
    birthDate: id.birthDate,
    phone,
    populationType: populationType!,
    address,
    householdNo: text('householdNo') || null,
    relation: relation!,
    tags: [...new Set(tags)].sort(),
    ethnicity: text('ethnicity') || null,
    employer: text('employer') || null,
    movedInOn,
  };
  return { ok: true as const, value };
}
