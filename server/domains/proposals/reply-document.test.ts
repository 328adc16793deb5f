import { describe, expect, it } from 'vitest';
import { readCause, readReplyTitle } from './reply-document.js';
import { chineseNumber, readChineseNumber, sessionName } from '../../../common/proposal-sessions.js';

describe("a reply's title names the proposal it answers", () => {
  it('reads the seed gazette’s 对县政协十一届二次会议 第1102097号提案的答复, its layout space included', () => {
    expect(readReplyTitle('对县政协十一届二次会议 第1102097号提案的答复')).toEqual({
      session: { level: '县', body: 'cppcc', term: 11, sessionNumber: 2 },
      kind: 'proposal',
      number: '1102097',
    });
  });

  it("reads another county's NPC suggestion, and a title with the organ before it", () => {
    expect(readReplyTitle('对县人大十八届三次会议第18号建议的答复')).toEqual({
      session: { level: '县', body: 'npc', term: 18, sessionNumber: 3 },
      kind: 'suggestion',
      number: '18',
    });
    expect(readReplyTitle('某某市人民政府办公室关于对市政协二十届一次会议第205号提案的答复')?.session).toEqual({
      level: '市',
      body: 'cppcc',
      term: 20,
      sessionNumber: 1,
    });
  });

  it('is not fooled by a title that only mentions a proposal', () => {
    expect(readReplyTitle('平阴县人民政府办公室关于印发2023年政务公开工作要点的通知')).toBeNull();
    expect(readReplyTitle('关于提案办理工作的通知')).toBeNull();
    expect(readReplyTitle('对县政协届次会议第1号提案的答复')).toBeNull();
  });
});

describe('the 案由 of a reply', () => {
  it('is the title inside 《》 in the acknowledging sentence', () => {
    const opening = '您提出的关于《关于加快智慧社区建设的建议》的提案收悉。根据“提案重点建议清单”，现答复如下：';
    expect(readCause([opening, '十分感谢您对我县智慧社区建设的关注和关心'])).toBe('关于加快智慧社区建设的建议');
  });
  it('is read without 《》 too, and is null when no sentence states it', () => {
    expect(readCause(['你们提出的关于加强农村道路养护的建议收悉。现答复如下：'])).toBe('关于加强农村道路养护');
    expect(readCause(['现将有关情况答复如下：'])).toBeNull();
  });
});

describe('session names', () => {
  it('counts in Chinese numerals both ways', () => {
    for (const n of [1, 2, 10, 11, 18, 20, 23, 99]) expect(readChineseNumber(chineseNumber(n))).toBe(n);
    expect(chineseNumber(11)).toBe('十一');
    expect(readChineseNumber('二十三')).toBe(23);
    expect(readChineseNumber('十十')).toBeNull();
    expect(sessionName({ level: '县', body: 'cppcc', term: 11, sessionNumber: 2 })).toBe('县政协十一届二次会议');
  });
});
