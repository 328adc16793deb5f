import { describe, expect, it } from 'vitest';
import { at, ms, replay, ruleOf, tick } from './test-replay.js';

describe('offline rules', () => {
  const offline = ruleOf({ kind: 'offline', offlineMinutes: 10, severity: 'minor' });

  it('raises once no message has come for the limit, dated when the silence reached it', () => {
    expect(replay(offline, [tick(500, 0)]).brief).toEqual([]);
    const run = replay(offline, [tick(650, 0)]);
    expect(run.brief).toEqual(['raise@600']);
    expect(run.transitions[0]).toEqual({ kind: 'raise', at: ms(600), severity: 'minor', detail: '超过 10 分钟未收到任何消息' });
  });

  it('raises once, however many ticks follow', () => {
    expect(replay(offline, [tick(650, 0), tick(700, 0), tick(5000, 0)]).brief).toEqual(['raise@600']);
  });

  it('clears at the next reading, whatever field it carries', () => {
    expect(replay(offline, [tick(650, 0), at(700, { anything: 1 })]).brief).toEqual(['raise@600', 'clear@700']);
  });

  it('clears at the next message a tick reports, a status message that was no reading included', () => {
    expect(replay(offline, [tick(650, 0), tick(710, 700)]).brief).toEqual(['raise@600', 'clear@700']);
    // One message, then silence again for the limit: cleared and raised again.
    expect(replay(offline, [tick(650, 0), tick(1400, 700)]).brief).toEqual(['raise@600', 'clear@700', 'raise@1300']);
  });

  it('raises nothing for a device never heard from (未上线, not offline)', () => {
    expect(replay(offline, [tick(100_000, null)]).brief).toEqual([]);
  });

  it('takes no notice of a reading that comes before the alarm it would clear', () => {
    // A gateway's batch delivered late: the reading at 590 s is older than the raise at 600 s.
    expect(replay(offline, [tick(650, 0), at(590, { co: 1 })]).brief).toEqual(['raise@600']);
  });
});
