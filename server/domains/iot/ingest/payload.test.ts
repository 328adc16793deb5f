import { describe, expect, it } from 'vitest';
import { isRefusal, judgeReading, judgeStatus, parseJson, MAX_PAYLOAD_BYTES, type DeviceTypeShape } from './payload.js';
import { mayPublish, maySubscribe, parseDeviceTopic } from './topics.js';

const gas: DeviceTypeShape = {
  code: 'gas_detector',
  fields: [
    { key: 'lel', label: '可燃气体浓度', type: 'number', min: 0, max: 100 },
    { key: 'valve_closed', label: '切断阀关闭', type: 'boolean' },
  ],
  events: [{ type: 'fault' }],
};
const now = new Date('2026-12-05T06:00:00Z');
const window = { earliest: new Date('2026-09-05T16:00:00Z'), latest: new Date('2026-12-06T06:00:00Z') };
const judge = (raw: unknown, expect: 'telemetry' | 'event' | 'either' = 'either') => judgeReading(raw, gas, window, now, expect);
const reasonOf = (raw: unknown, expect?: 'telemetry' | 'event') => {
  const r = judge(raw, expect);
  return isRefusal(r) ? r.refused : 'ok';
};

describe('a reading judged against its device type', () => {
  it('takes fields of the type with their ts and msgId, and the arrival time without a ts', () => {
    expect(judge({ ts: '2026-12-05T05:59:00Z', msgId: 'a-1', values: { lel: 12.5, valve_closed: false } })).toEqual({
      ts: new Date('2026-12-05T05:59:00Z'),
      msgKey: 'a-1',
      values: { lel: 12.5, valve_closed: false },
    });
    expect(judge({ msgId: 7, values: { lel: 0 } })).toEqual({ ts: now, msgKey: '7', values: { lel: 0 } });
    expect(judge({ ts: now.getTime() - 1000, event: { type: 'fault', detail: '传感器故障' } }, 'event')).toEqual({
      ts: new Date(now.getTime() - 1000),
      msgKey: '',
      values: { _event: 'fault', _detail: '传感器故障' },
    });
  });

  it('refuses each kind of fault with its reason', () => {
    expect(reasonOf({ values: { co2: 1 } })).toBe('UNKNOWN_FIELD');
    expect(reasonOf({ values: { lel: '12' } })).toBe('WRONG_TYPE');
    expect(reasonOf({ values: { valve_closed: 1 } })).toBe('WRONG_TYPE');
    expect(reasonOf({ values: { lel: 101 } })).toBe('OUT_OF_RANGE');
    expect(reasonOf({ values: { lel: -0.1 } })).toBe('OUT_OF_RANGE');
    expect(reasonOf({ event: { type: 'fire' } })).toBe('UNKNOWN_EVENT');
    expect(reasonOf({ ts: 'yesterday', values: { lel: 1 } })).toBe('BAD_TS');
    expect(reasonOf({ ts: '2026-09-01T00:00:00Z', values: { lel: 1 } })).toBe('TS_OUT_OF_WINDOW');
    expect(reasonOf({ ts: '2026-12-07T00:00:00Z', values: { lel: 1 } })).toBe('TS_OUT_OF_WINDOW');
    expect(reasonOf({ msgId: '', values: { lel: 1 } })).toBe('BAD_MSG_ID');
    expect(reasonOf({ values: {} })).toBe('BAD_SHAPE');
    expect(reasonOf({ values: { lel: 1 }, event: { type: 'fault' } })).toBe('BAD_SHAPE');
    expect(reasonOf({ event: { type: 'fault' } }, 'telemetry')).toBe('BAD_SHAPE');
    expect(reasonOf([1, 2])).toBe('BAD_SHAPE');
    expect(parseJson('{"values":')).toMatchObject({ refused: 'NOT_JSON' });
    expect(parseJson('x'.repeat(MAX_PAYLOAD_BYTES + 1))).toMatchObject({ refused: 'TOO_LARGE' });
  });

  it('takes a status of online, battery and firmware only', () => {
    expect(judgeStatus({ online: true, battery: 80, firmware: 'v1.2' })).toEqual({ online: true, battery: 80, firmware: 'v1.2' });
    expect(judgeStatus({ battery: 101 })).toMatchObject({ refused: 'BAD_SHAPE' });
    expect(judgeStatus({ colour: 'red' })).toMatchObject({ refused: 'BAD_SHAPE' });
  });

  it('answers any bytes at all without throwing (fuzz)', () => {
    let seed = 20261205;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = [
      '{',
      '}',
      '[',
      ']',
      '"values"',
      '"event"',
      '"ts"',
      '"msgId"',
      ':',
      ',',
      '"lel"',
      '1e309',
      '-0',
      'null',
      'true',
      '"\\u0000"',
      '"__proto__"',
      '"constructor"',
      '12',
      '"2026-12-05T00:00:00Z"',
      '{"type":"fault"}',
      '\u00ff',
      '"',
    ];
    for (let i = 0; i < 20_000; i++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 12) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      const bytes = random() < 0.1 ? Buffer.from(Array.from({ length: 40 }, () => Math.floor(random() * 256))) : Buffer.from(text);
      const raw = parseJson(bytes);
      const answer = isRefusal(raw) ? raw : random() < 0.5 ? judge(raw) : judgeStatus(raw);
      expect(answer).toBeTypeOf('object');
    }
    for (const raw of [
      { values: { __proto__: 1 } },
      JSON.parse('{"values":{"__proto__":5}}'),
      { values: { constructor: 1 } },
      { ts: 1e20, values: { lel: 1 } },
    ])
      expect(isRefusal(judge(raw))).toBe(true);
  });
});

describe('the topic scheme', () => {
  it('names a device and a kind, and lets a device publish and subscribe under its own serial only', () => {
    expect(parseDeviceTopic('civicgrid/v1/SD-0001/telemetry')).toEqual({ serial: 'SD-0001', kind: 'telemetry' });
    expect(parseDeviceTopic('civicgrid/v1/SD-0001/command')).toBeNull();
    expect(parseDeviceTopic('civicgrid/v1/SD-0001/telemetry/x')).toBeNull();
    expect(parseDeviceTopic('civicgrid/v2/SD-0001/telemetry')).toBeNull();
    expect(mayPublish('SD-0001', 'civicgrid/v1/SD-0001/status')).toBe(true);
    expect(mayPublish('SD-0001', 'civicgrid/v1/SD-0002/telemetry')).toBe(false);
    expect(maySubscribe('SD-0001', 'civicgrid/v1/SD-0001/command')).toBe(true);
    expect(maySubscribe('SD-0001', 'civicgrid/v1/+/command')).toBe(false);
    expect(maySubscribe('SD-0001', 'civicgrid/v1/SD-0001/telemetry')).toBe(false);
  });
});
