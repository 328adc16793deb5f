import type { ReplyType } from '../../../common/contracts/disclosure.js';
import { chineseDate } from '../../../common/dates.js';

/**
 * The reply letter (政府信息公开申请答复书) as content: title, number, addressee, paragraphs,
 * signature, date. Pure, so the words are tested apart from the .docx they are laid out in
 * (reply-letter-docx.ts, through the shared GB/T 9704 builder).
 */
export const AGENCY = '平阴县人民政府办公室';
/** 行政复议法 (2023) 第二十四条: the county government reviews the acts of its office. */
export const REVIEW_ORGAN = '平阴县人民政府';
/** 机关代字 of the reply letters: 平政办依复〔2024〕3号 (GB/T 9704: no 第, no leading zeros). */
export const REPLY_ORGAN_CODE = '平政办依复';

export const replyNumber = (year: number, serial: number) => `${REPLY_ORGAN_CODE}〔${year}〕${serial}号`;

export const REPLY_TYPE_ZH: Record<ReplyType, string> = {
  already_public: '已主动公开',
  disclosed: '予以公开',
  partly_disclosed: '部分公开',
  not_disclosed: '不予公开',
  not_exist: '信息不存在',
  not_ours: '不属于本机关负责公开',
  repeat: '重复申请',
};

export interface ReplyLetterFacts {
  number: string;
  applicantName: string;
  trackingCode: string;
  description: string;
  receivedOn: string;
  correctionReceivedOn: string | null;
  extension: { days: number; reason: string } | null;
  replyType: ReplyType;
  content: string;
  publicLocation: string | null;
  otherAgency: string | null;
  withheldReason: string | null;
  fee: { amountYuan: number; explanation: string } | null;
  repliedOn: string;
}

/** Named as the GB/T 9704 builder takes them; it prints the addressee's colon and the date in words. */
export interface ReplyLetter {
  title: string;
  number: string;
  /** 主送: the applicant. */
  addressee: string;
  paragraphs: string[];
  signature: string;
  /** 成文日期, YYYY-MM-DD: the day of the reply. */
  dateWritten: string;
}

const ACT = '《中华人民共和国政府信息公开条例》';

/** 第三十六条, item by item: what the office answers, and the rule it answers under. */
function answer(f: ReplyLetterFacts): string[] {
  switch (f.replyType) {
    case 'already_public':
      return [
        `经审查，您申请获取的政府信息已经主动公开。根据${ACT}第三十六条第一项的规定，现告知您获取该政府信息的方式和途径：${f.publicLocation}。`,
      ];
    case 'disclosed':
      return [`经审查，您申请获取的政府信息属于公开范围。根据${ACT}第三十六条第二项的规定，本机关向您提供该政府信息：${f.content}`];
    case 'partly_disclosed':
      return [
        `经审查，您申请获取的政府信息中，以下部分属于公开范围，根据${ACT}第三十六条第二项、第三十七条的规定，本机关向您提供：${f.content}`,
        `其余部分${f.withheldReason}，根据${ACT}第三十六条第三项的规定，不予公开。`,
      ];
    case 'not_disclosed':
      return [`经审查，您申请获取的政府信息${f.withheldReason}。根据${ACT}第三十六条第三项的规定，本机关决定不予公开。${f.content}`];
    case 'not_exist':
      return [
        `经检索查找，本机关未制作或者获取您申请公开的政府信息，该政府信息不存在。根据${ACT}第三十六条第四项的规定，特此告知。${f.content}`,
      ];
    case 'not_ours':
      return [
        `经审查，您申请获取的政府信息不属于本机关负责公开。根据${ACT}第三十六条第五项的规定，该政府信息由${f.otherAgency}负责公开，请您向${f.otherAgency}提出申请。${f.content}`,
      ];
    case 'repeat':
      return [`经审查，您的申请属于重复申请：${f.content}根据${ACT}第三十六条第六项的规定，本机关不再重复处理。`];
  }
}

export function replyLetter(f: ReplyLetterFacts): ReplyLetter {
  const received =
    `本机关于${chineseDate(f.receivedOn)}收到您提出的政府信息公开申请（登记编号：${f.trackingCode}），申请获取“${f.description}”。` +
    (f.correctionReceivedOn ? `经告知补正，本机关于${chineseDate(f.correctionReceivedOn)}收到您补正后的申请。` : '') +
    (f.extension ? `因${f.extension.reason}，经本机关负责人同意，答复期限延长${f.extension.days}个工作日，并已告知您。` : '');
  const fee =
    f.fee && f.fee.amountYuan > 0
      ? [
          `根据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本申请应缴纳信息处理费${f.fee.amountYuan}元（${f.fee.explanation}）。`,
        ]
      : [];
  return {
    title: '政府信息公开申请答复书',
    number: f.number,
    addressee: f.applicantName,
    paragraphs: [
      received,
      ...answer(f),
      ...fee,
      // 第五十一条; 行政复议法 第二十条 (60 days); 行政诉讼法 第四十六条 (6 months).
      `如对本答复不服，可以自收到本答复书之日起六十日内向${REVIEW_ORGAN}申请行政复议，或者自收到本答复书之日起六个月内依法向人民法院提起行政诉讼。`,
      '特此告知。',
    ],
    signature: AGENCY,
    dateWritten: f.repliedOn,
  };
}
