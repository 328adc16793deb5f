import { describe, expect, it } from 'vitest';
import { publicPlace, publicSummary, redactPersonalData, regionPlaceOf, serviceNotice, w3cTime } from './open311.presenter.js';
import { parseW3cDateTime } from '../../../common/contracts/open311.js';
import { fieldsOf, FormFields, parseForm } from './form-body.js';

describe('what a public answer may show', () => {
  it('masks phones, ID numbers, e-mail and rooms in free text', () => {
    expect(redactPersonalData('请联系 139 1234 5678 或 +86-13912345678 或 0531-87881234')).toBe('请联系 *** 或 *** 或 ***');
    expect(redactPersonalData('身份证370124198001011234，邮箱 a.b@example.cn，住502室')).toBe('身份证***，邮箱 ***，住***');
    expect(redactPersonalData('灯杆编号 LD-0231，5个工作日')).toBe('灯杆编号 LD-0231，5个工作日');
  });

  it('shows a region instead of a home', () => {
    const region = '第3网格，锦源社区，榆山街道，平阴县';
    expect(publicPlace({ house_id: 7, address: '锦源小区3号楼' }, region)).toBe(region);
    for (const home of ['锦源小区3号楼2单元502室', '锦源小区3-2-502', '锦源小区5号楼 502', '锦源小区3号楼二单元门口', '12户门前']) {
      expect(publicPlace({ house_id: null, address: home }, region), home).toBe(region);
    }
    expect(publicPlace({ house_id: null, address: '榆山路与翠屏街交叉口' }, region)).toBe('榆山路与翠屏街交叉口');
    expect(publicPlace({ house_id: null, address: null }, region)).toBe(region);
    expect(
      regionPlaceOf(
        '/1/4/17/230/',
        new Map([
          [1, '平阴县'],
          [4, '榆山街道'],
          [17, '锦源社区'],
          [230, '第3网格'],
        ]),
      ),
    ).toBe(region);
  });

  it('summarises public fields only, with option labels', () => {
    const form = [
      { key: 'plate', label: '号牌', type: 'text' as const, public: false },
      {
        key: 'signs',
        label: '弃用特征',
        type: 'multiselect' as const,
        public: true,
        options: [
          { value: 'dust', label: '积灰' },
          { value: 'rust', label: '锈蚀' },
        ],
      },
      { key: 'danger', label: '是否危险', type: 'boolean' as const, public: true },
    ];
    expect(publicSummary(form, { plate: '鲁A12345', signs: ['dust', 'rust'], danger: false })).toBe('弃用特征：积灰、锈蚀；是否危险：否');
    expect(publicSummary(form, { plate: '鲁A12345' })).toBeNull();
  });

  it('writes times in Beijing time with the offset', () => {
    expect(w3cTime(new Date('2026-12-07T09:00:00.000Z'))).toBe('2026-12-07T17:00:00+08:00');
  });
});

describe('reading what clients send', () => {
  it('reads W3C date-times with a zone, bare dates as Beijing midnight, and nothing else', () => {
    expect(parseW3cDateTime('2026-11-30')?.toISOString()).toBe('2026-11-29T16:00:00.000Z');
    expect(parseW3cDateTime('2026-11-30T10:00:00Z')?.toISOString()).toBe('2026-11-30T10:00:00.000Z');
    expect(parseW3cDateTime('2026-11-30T10:00+08:00')?.toISOString()).toBe('2026-11-30T02:00:00.000Z');
    expect(parseW3cDateTime('2026-11-30T10:00:00 08:00')?.toISOString()).toBe('2026-11-30T02:00:00.000Z');
    for (const bad of ['2026-11-30T10:00:00', '2026-02-30', '2026-13-01', '2026-11-30T24:00:00Z', 'yesterday']) {
      expect(parseW3cDateTime(bad), bad).toBeNull();
    }
  });

  it("gathers attribute[code] and attribute[code][] from a form, keeping the spec's names", () => {
    const body = parseForm(
      'api_key=k&service_code=x&attribute%5Bsigns%5D%5B%5D=dust&attribute[signs][]=rust&attribute[brand]=%E5%A4%A7%E4%BC%97&description=a+b&__proto__=x',
    );
    expect(body).toBeInstanceOf(FormFields);
    const { api_key, fields } = fieldsOf(body);
    expect(api_key).toBe('k');
    expect(fields).toMatchObject({ service_code: 'x', description: 'a b', attributes: { signs: ['dust', 'rust'], brand: '大众' } });
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
    expect(fieldsOf({ api_key: 'k', attribute: { danger: true, signs: ['dust'] } }).fields.attributes).toEqual({
      danger: 'true',
      signs: ['dust'],
    });
    expect(fieldsOf(parseForm('description=a&description=b')).fields.description).toEqual(['a', 'b']);
  });
});

describe('service_notice: the promise in words', () => {
  it('says working days and working hours put off by holidays, and real hours that are not (decision 037)', () => {
    expect(serviceNotice({ sla_amount: 5, sla_unit: 'working_days' })).toBe('受理后5个工作日内办结（按工作日计算，遇法定节假日顺延）');
    expect(serviceNotice({ sla_amount: 8, sla_unit: 'working_hours' })).toBe('受理后8个工作小时内办结（按工作日计算，遇法定节假日顺延）');
    expect(serviceNotice({ sla_amount: 1, sla_unit: 'calendar_hours' })).toBe('受理后1小时内处置（全天候计时，节假日不顺延）');
  });
});
