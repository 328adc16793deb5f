import type { DisclosureAttribute, GazetteAttachment, GazetteDocument, GazetteTask } from '../../../common/contracts/gazette.js';
import { dateLine, hasCells, isBlank, withoutLayoutSpaces, type Line } from './gazette-lines.js';
import { readOutline } from './outline.js';
import { joinParagraphs } from './paragraphs.js';
import { readPhases } from './phases.js';
import { readTables, type TableAt } from './tables.js';
import { alignTaskRows, readTaskTable, taskColumns, type Warn } from './task-tables.js';
import { enclosesText, titleAt } from './titles.js';

/**
 * The parts of one document, in the order GB/T 9704 lays them out, read from the lines after its
 * number: 主送机关 (or 委员：… for a reply to a proposer), 正文 with its 附件说明, 落款 and 成文日期,
 * 附注, then what follows — the 印发 notice's enclosure (the 要点, the 方案), 附件, and the 版记's
 * 抄送 and 印发 lines, in whichever order the gazette printed them.
 */
export type DocumentBody = Omit<GazetteDocument, 'number' | 'title' | 'organ' | 'startLine' | 'endLine'>;

/**
 * The document's parts, and how many of the lines it was given are its own: a document ends
 * before a title with no number under it (a document printed without one) and before text after
 * its last block that no 附件 or 版记 follows (本期责任编辑：…). The rest is the gazette's, which
 * reports it (unclaimed-text.ts).
 */
export interface DocumentReading {
  body: DocumentBody;
  claimed: number;
}

const RECIPIENTS = /^(.{2,200}?)[：:]$/;
const MEMBERS = /^(?:尊敬的)?(委员|代表)[：:]\s*(\S.*)$/;
const MEMBERS_AFTER = /^(?:尊敬的)?(.{2,40}?)(委员|代表)[：:]$/;
const NOTE = /^[（(]\s*此件(.*?)\s*[）)]$/;
const CONTACT = /^联系人/;
const ATTACHMENT_NOTE = /^附件[：:]\s*(.*)$/;
const ATTACHMENT_NOTE_ITEM = /^\d{1,2}\s*[.．、]\s*\S/;
const ATTACHMENT_START = /^附件\s*(\d{0,2})$/;
const COPY_TO = /^抄送[：:]\s*(.*)$/;
const PRINTED = /^(.{2,40}?)\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*印发$/;
const SIGNATURE_LIKE = (text: string) => text.length <= 40 && !/[。，,；;：:！？]/.test(text) && !hasCells(text);

/** 附注 words → 公开属性; anything else is for a person to decide. */
export function disclosureOf(note: string): DisclosureAttribute | null {
  const said = note.replace(/\s+/g, '');
  if (/^(依申请公开)$/.test(said)) return 'on_request';
  if (/^(不予公开|不公开)$/.test(said)) return 'not_public';
  if (/^(公开发布|主动公开|公开|全文公开)$/.test(said)) return 'public';
  return null;
}

const splitNames = (text: string) =>
  withoutLayoutSpaces(text)
    .replace(/[。；;]$/, '')
    .split(/[，,、]/)
    .map((name) => name.trim())
    .filter(Boolean);

export function readDocumentBody(lines: Line[], of: { title: string; year: number }, warn: Warn): DocumentReading {
  const body = lines;
  const at = (i: number) => body[i]?.text.trim() ?? '';
  const nextFilled = (from: number) => {
    let i = from;
    while (i < body.length && isBlank(body[i])) i++;
    return i;
  };

  // 主送机关, or the proposers a reply is addressed to.
  let cursor = nextFilled(0);
  let addressees: string[] = [];
  let addresseeRole: string | null = null;
  const first = withoutLayoutSpaces(at(cursor));
  const members = MEMBERS.exec(first);
  const membersAfter = members ? null : MEMBERS_AFTER.exec(first);
  if (members) [addresseeRole, addressees] = [members[1], splitNames(members[2])];
  else if (membersAfter) [addresseeRole, addressees] = [membersAfter[2], splitNames(membersAfter[1])];
  else if (RECIPIENTS.test(first) && !hasCells(first)) addressees = splitNames(RECIPIENTS.exec(first)![1]);
  if (addressees.length > 0) cursor++;
  else warn(body[cursor]?.no ?? null, 'addressees', '没有找到主送机关（文号后以冒号结尾的一行），请人工补充');

  // 落款 and 成文日期: the first line that is only a date, under the organ's name.
  const dateAt = body.findIndex((line, i) => i >= cursor && dateLine(line.text) !== null);
  let signatureAt = -1;
  if (dateAt >= 0) for (let i = dateAt - 1; i >= cursor && signatureAt < 0; i--) if (!isBlank(body[i])) signatureAt = i;
  const signature = signatureAt >= 0 && SIGNATURE_LIKE(at(signatureAt)) ? withoutLayoutSpaces(at(signatureAt)) : null;
  if (dateAt < 0) warn(null, 'dateWritten', '没有找到成文日期（单独一行的“某年某月某日”）');
  else if (signature === null) warn(body[dateAt].no, 'signature', '成文日期上方没有发文机关署名（落款）');
  const mainEnd = dateAt < 0 ? body.length : signature === null ? dateAt : signatureAt;

  const attachmentNotes: string[] = [];
  const main = takeAttachmentNotes(body.slice(cursor, mainEnd), attachmentNotes);

  // What follows the date: 附注, then blocks in the order printed.
  const after = dateAt < 0 ? [] : body.slice(dateAt + 1);
  const notes: string[] = [];
  let disclosureNote: { text: string; line: number } | null = null;
  let i = 0;
  for (; i < after.length; i++) {
    if (isBlank(after[i])) continue;
    const text = withoutLayoutSpaces(after[i].text);
    const note = NOTE.exec(text);
    if (note) {
      disclosureNote ??= { text, line: after[i].no };
      notes.push(text);
    } else if (CONTACT.test(text)) notes.push(text);
    else break;
  }
  const blocks = readBlocks(after.slice(i), enclosesText(of.title), attachmentNotes, warn);
  const claimed = dateAt < 0 ? body.length : dateAt + 1 + i + blocks.end;
  const own = body.slice(0, claimed);

  const tables = readTables(own);
  const attachments: GazetteAttachment[] = blocks.attachments.map(({ label, title, lines, line }) => ({
    label,
    title,
    paragraphs: joinParagraphs(lines).map((p) => p.text),
    tables: tables.filter((t) => t.line >= (lines[0]?.no ?? Infinity) && t.line <= (lines.at(-1)?.no ?? -1)).map(publicTable),
    line,
  }));

  const mainParagraphs = joinParagraphs(main);
  const enclosureParagraphs = blocks.enclosure ? joinParagraphs(blocks.enclosure.lines) : [];
  const outline = readOutline(enclosureParagraphs.length > 0 ? enclosureParagraphs : mainParagraphs);
  const tasks = tables.filter((t) => taskColumns(t.header)).flatMap((t) => readTaskTable(t, outline, of.year, warn));
  const phases = readPhases([...mainParagraphs, ...enclosureParagraphs], of.year);

  let disclosure: DisclosureAttribute | null = null;
  if (disclosureNote === null) warn(after[0]?.no ?? null, 'disclosure', '没有附注（如“（此件公开发布）”），公开属性须由人工确认');
  else {
    disclosure = disclosureOf(NOTE.exec(disclosureNote.text)![1]);
    if (disclosure === null) warn(disclosureNote.line, 'disclosure', `附注“${disclosureNote.text}”没有说明公开属性，须由人工确认`);
  }

  const reading: DocumentBody = {
    addressees,
    addresseeRole,
    paragraphs: mainParagraphs.map((p) => p.text),
    attachmentNotes,
    signature,
    dateWritten: dateAt < 0 ? null : dateLine(body[dateAt].text),
    note: notes.length > 0 ? notes.join('\n') : null,
    disclosure,
    enclosure: blocks.enclosure ? { title: blocks.enclosure.title, paragraphs: enclosureParagraphs.map((p) => p.text) } : null,
    attachments,
    copyTo: blocks.copyTo,
    text: own
      .map((line) => line.text.trim())
      .filter(Boolean)
      .join('\n'),
    tasks: tasks.length > 0 ? tasks : phases.map(phaseAsTask),
    phases,
  };
  return { body: reading, claimed };
}

/** Moves 附件说明 (附件：1．… and the numbered lines under it) out of the text into `notes`. */
function takeAttachmentNotes(lines: Line[], notes: string[]): Line[] {
  const kept: Line[] = [];
  let listing = false;
  for (const line of lines) {
    const text = withoutLayoutSpaces(line.text);
    const note = ATTACHMENT_NOTE.exec(text);
    if (note) {
      listing = true;
      if (note[1]) notes.push(note[1].replace(/^1\s*[.．、]\s*/, ''));
    } else if (listing && ATTACHMENT_NOTE_ITEM.test(text)) notes.push(text.replace(/^\d{1,2}\s*[.．、]\s*/, ''));
    else if (!(listing && text === '')) {
      listing = false;
      kept.push(line);
    }
  }
  return kept;
}

interface Blocks {
  enclosure: { title: string; lines: Line[] } | null;
  attachments: Array<{ label: string | null; title: string; lines: Line[]; line: number }>;
  copyTo: string[];
  /** Index of the first line that is not the document's (lines.length when all are). */
  end: number;
}

/**
 * The enclosure, 附件 and 版记 after the 落款, in whichever order they come. Only a notice that
 * prints another text (印发/转发/批转…的通知) has an enclosure; a title of another document, or
 * text after the last block that no 附件 or 版记 follows, ends the document.
 */
function readBlocks(lines: Line[], enclosing: boolean, attachmentNotes: string[], warn: Warn): Blocks {
  const blocks: Blocks = { enclosure: null, attachments: [], copyTo: [], end: lines.length };
  let target: Line[] | null = null;
  let copying = false;
  let copyBreaks = false;
  let titleFor: { title: string } | null = null;
  const blockFollows = (from: number) =>
    lines.slice(from).some((line) => {
      const text = withoutLayoutSpaces(line.text);
      return ATTACHMENT_START.test(text) || COPY_TO.test(text) || PRINTED.test(text);
    });
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    if (isBlank(line)) continue;
    const text = withoutLayoutSpaces(line.text);
    const attachment = ATTACHMENT_START.exec(text);
    const copyTo = COPY_TO.exec(text);
    if (copying && !attachment && !copyTo && !PRINTED.test(text) && !hasCells(line.text) && text.length <= 30 && !/[：:]/.test(text)) {
      // 抄送 wraps, inside a name (抄送：县政府办公室、县政协提案 ⏎ 工作委员会) or after a
      // comma (抄送：县农业农村局，县生态环境局， ⏎ 县秸秆综合利用工作办公室。).
      const names = splitNames(text);
      if (copyBreaks) blocks.copyTo.push(...names);
      else {
        blocks.copyTo[blocks.copyTo.length - 1] += names[0] ?? '';
        blocks.copyTo.push(...names.slice(1));
      }
      copyBreaks = /[，,、]$/.test(text);
      copying = !/[。]$/.test(text);
      continue;
    }
    copying = false;
    if (attachment) {
      const block = { label: attachment[1] || null, title: '', lines: [] as Line[], line: line.no };
      blocks.attachments.push(block);
      target = block.lines;
      titleFor = block;
    } else if (copyTo) {
      blocks.copyTo.push(...splitNames(copyTo[1]));
      copying = !/[。]$/.test(copyTo[1]);
      copyBreaks = copyTo[1] === '' || /[，,、]$/.test(copyTo[1]);
      target = null;
    } else if (PRINTED.test(text)) {
      target = null;
    } else if (titleFor && !hasCells(line.text)) {
      titleFor.title = text;
      titleFor = null;
    } else if (enclosing && blocks.enclosure === null && blocks.attachments.length === 0 && target === null) {
      // The 印发 notice's enclosure opens with its own title (2023年平阴县政务公开工作要点).
      blocks.enclosure = { title: text, lines: [] };
      target = blocks.enclosure.lines;
    } else if (titleAt(lines, k)) {
      // Another document's title, with no number under it.
      blocks.end = k;
      break;
    } else if (target) {
      titleFor = null;
      target.push(line);
    } else if (blockFollows(k + 1)) {
      warn(line.no, 'text', `落款之后有一段无法归入附件或版记的文字：${text.slice(0, 40)}`);
    } else {
      blocks.end = k;
      break;
    }
  }
  if (blocks.enclosure) blocks.enclosure.lines = takeAttachmentNotes(blocks.enclosure.lines, attachmentNotes);
  blocks.copyTo = blocks.copyTo.map((name) => name.replace(/[。]$/, '')).filter(Boolean);
  for (const block of blocks.attachments) if (block.title === '') warn(block.line, 'attachments', '附件没有标题');
  return blocks;
}

/** A table as the document keeps it: a task table's slipped cells put back under their header. */
function publicTable(table: TableAt) {
  const { title, header, rows, rowLines, line } = table;
  return { title, header, rows: alignTaskRows(table) ?? rows, rowLines, line };
}

/** A plan without a task table is supervised by its phases: each is a task with its end date. */
function phaseAsTask(phase: DocumentBody['phases'][number]): GazetteTask {
  return {
    seq: phase.seq,
    category: null,
    task: phase.name,
    requirement: phase.text,
    leadUnit: null,
    coUnits: [],
    deadline: phase.end,
    deadlineText: phase.dates,
    targets: [],
    line: phase.line,
  };
}
