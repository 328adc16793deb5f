import type { GazetteDocument } from '../../../common/contracts/gazette.js';
import { readChineseNumber, type SessionBody } from '../../../common/proposal-sessions.js';

/**
 * What a reply to a proposal (提案答复) tells of the proposal it answers, read from the reply as
 * the gazette importer parsed it: the session and number from its title (对县政协十一届二次会议
 * 第1102097号提案的答复, and another county's 对县人大十八届三次会议第18号建议的答复), the 案由
 * from the sentence that acknowledges it (您提出的关于《…》的提案收悉), the proposers from the
 * addressees (委员：白咸勇).
 */
export interface ReplyReading {
  session: { level: string; body: SessionBody; term: number; sessionNumber: number };
  kind: 'proposal' | 'suggestion';
  number: string;
}

const TITLE =
  /对(?<level>[省市县区州旗]?)(?<body>政协|人大)(?<term>[一二三四五六七八九十\d]+)届(?<session>[一二三四五六七八九十\d]+)次会议第(?<number>\d+)号(?<kind>提案|建议)的(?:答复|复函)/;

/** The proposal a reply's title names, or null when the title is not a reply's. */
export function readReplyTitle(title: string): ReplyReading | null {
  const m = TITLE.exec(title.replace(/\s+/g, ''));
  if (!m?.groups) return null;
  const term = readChineseNumber(m.groups.term);
  const sessionNumber = readChineseNumber(m.groups.session);
  if (!term || !sessionNumber) return null;
  return {
    session: { level: m.groups.level, body: m.groups.body === '政协' ? 'cppcc' : 'npc', term, sessionNumber },
    kind: m.groups.kind === '提案' ? 'proposal' : 'suggestion',
    number: m.groups.number,
  };
}

const CAUSE = [
  // 您提出的关于《关于加快智慧社区建设的建议》的提案收悉; 您提出的《关于…的建议》收悉
  /提出的(?:关于)?《(?<cause>[^》]+)》[^。]*收悉/,
  // 您提出的关于加快智慧社区建设的提案收悉
  /提出的(?<cause>关于.+?)的(?:提案|建议)收悉/,
];

/** 案由 from the reply's opening sentence, or null when no paragraph says it. */
export function readCause(paragraphs: string[]): string | null {
  for (const paragraph of paragraphs.slice(0, 3))
    for (const pattern of CAUSE) {
      const cause = pattern.exec(paragraph.replace(/\s+/g, ''))?.groups?.cause;
      if (cause) return cause;
    }
  return null;
}

/** The documents of a gazette that are replies to proposals, each with its reading. */
export function repliesIn(documents: GazetteDocument[]) {
  return documents.flatMap((document) => {
    const reading = readReplyTitle(document.title);
    return reading ? [{ document, reading }] : [];
  });
}
