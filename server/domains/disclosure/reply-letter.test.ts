import { describe, expect, it } from 'vitest';
import { REPLY_TYPES } from '../../../common/contracts/disclosure.js';
import { actionsIn, stateAfter } from './application-states.js';
import { zipEntry } from '../../test/zip-entry.js';
import { replyLetter, replyNumber, type ReplyLetterFacts } from './reply-letter.js';
import { replyLetterDocx } from './reply-letter-docx.js';

const facts = (over: Partial<ReplyLetterFacts> = {}): ReplyLetterFacts => ({
  number: replyNumber(2024, 7),
  applicantName: '李明',
  trackingCode: 'YS2024-7KQ3M9TX',
  description: '某路段改造工程的立项批复',
  receivedOn: '2024-09-27',
  correctionReceivedOn: null,
  extension: null,
  replyType: 'disclosed',
  content: '立项批复一份（见附件）。',
  publicLocation: null,
  otherAgency: null,
  withheldReason: null,
  fee: null,
  repliedOn: '2024-10-30',
  ...over,
});

describe('the reply letter (答复书)', () => {
  it('is numbered per GB/T 9704, addressed, signed and dated', () => {
    const letter = replyLetter(facts());
    expect(letter).toMatchObject({ title: '政府信息公开申请答复书', number: '平政办依复〔2024〕7号', addressee: '李明' });
    expect(letter.signature).toBe('平阴县人民政府办公室');
    expect(letter.dateWritten).toBe('2024-10-30');
    expect(letter.paragraphs[0]).toBe(
      '本机关于2024年9月27日收到您提出的政府信息公开申请（登记编号：YS2024-7KQ3M9TX），申请获取“某路段改造工程的立项批复”。',
    );
  });

  it('prints the addressee with its colon and the date in words, without a 版头', async () => {
    const xml = zipEntry(await replyLetterDocx(replyLetter(facts())), 'word/document.xml')!;
    const text = xml.replace(/<[^>]+>/g, '');
    for (const part of ['政府信息公开申请答复书', '平政办依复〔2024〕7号', '李明：', '平阴县人民政府办公室', '2024年10月30日'])
      expect(text).toContain(part);
    expect(text).not.toContain('文件');
    expect(xml).not.toContain('FF0000');
  });

  it.each([
    [
      'already_public',
      { publicLocation: '平阴县人民政府网站“政府信息公开”专栏' },
      ['第三十六条第一项', '平阴县人民政府网站“政府信息公开”专栏'],
    ],
    ['disclosed', {}, ['第三十六条第二项', '立项批复一份']],
    ['partly_disclosed', { withheldReason: '涉及第三方商业秘密' }, ['第三十七条', '其余部分涉及第三方商业秘密', '第三十六条第三项']],
    ['not_disclosed', { withheldReason: '属于内部事务信息' }, ['属于内部事务信息', '第三十六条第三项', '不予公开']],
    ['not_exist', {}, ['第三十六条第四项', '该政府信息不存在']],
    ['not_ours', { otherAgency: '平阴县自然资源局' }, ['第三十六条第五项', '由平阴县自然资源局负责公开']],
    ['repeat', { content: '您于2024年8月提出的相同申请，本机关已于2024年9月答复。' }, ['第三十六条第六项', '重复申请']],
  ] as const)('answers %s under its item of 第三十六条, with the remedies', (replyType, over, expected) => {
    const text = replyLetter(facts({ replyType, ...over })).paragraphs.join('');
    for (const part of expected) expect(text).toContain(part);
    expect(text).toContain('六十日内向平阴县人民政府申请行政复议');
    expect(text).toContain('六个月内依法向人民法院提起行政诉讼');
  });

  it('covers every reply type of the contract', () => {
    for (const replyType of REPLY_TYPES) expect(() => replyLetter(facts({ replyType }))).not.toThrow();
  });

  it('says when a correction arrived, that the period was extended, and the fee when there is one', () => {
    const text = replyLetter(
      facts({
        correctionReceivedOn: '2024-10-14',
        extension: { days: 20, reason: '需汇总多个单位的数据' },
        fee: { amountYuan: 150, explanation: '按量计收，共 45 页' },
      }),
    ).paragraphs.join('');
    expect(text).toContain('本机关于2024年10月14日收到您补正后的申请');
    expect(text).toContain('因需汇总多个单位的数据，经本机关负责人同意，答复期限延长20个工作日');
    expect(text).toContain('应缴纳信息处理费150元（按量计收，共 45 页）');
    expect(replyLetter(facts({ fee: { amountYuan: 0, explanation: '不收费' } })).paragraphs.join('')).not.toContain('信息处理费');
  });
});

describe('the state table', () => {
  it('opens the steps of each state and refuses the others', () => {
    expect(actionsIn('submitted')).toEqual(['register', 'note']);
    expect(stateAfter('reviewing', 'request_correction')).toBe('awaiting_correction');
    expect(stateAfter('handling', 'extend')).toBe('handling');
    expect(stateAfter('consulting', 'reply')).toBeNull();
    expect(stateAfter('replied', 'reply')).toBeNull();
    expect(actionsIn('archived')).toEqual([]);
  });
});
