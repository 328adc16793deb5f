import type { DocumentTextInput } from '../../../common/contracts/documents.js';
import { searchVectorOf } from '../../platform/search/chinese-words.js';

/**
 * The words search reads (jieba's, platform/search/chinese-words.ts), from the title and the
 * whole text: one function for the gazette's documents and those entered by hand, so both are
 * found alike.
 */
export const searchColumnsOf = (title: string, text: string) => ({
  body_text: text,
  title_words: searchVectorOf(title),
  body_words: searchVectorOf(text),
});

/**
 * A document typed by a person, as the columns the gazette's reader fills: the 落款 is the
 * issuing organ (a department signs its own notice), and the whole text, as search and the
 * list's snippet read it, is the addressees, the paragraphs and the copy-to line in order.
 */
export function typedTextColumns(input: DocumentTextInput) {
  const text = [
    ...(input.addressees.length ? [`${input.addressees.join('，')}：`] : []),
    ...input.paragraphs,
    input.organ,
    ...(input.copyTo.length ? [`抄送：${input.copyTo.join('，')}。`] : []),
  ].join('\n');
  return {
    organ: input.organ,
    title: input.title,
    date_written: input.dateWritten,
    addressees: input.addressees,
    paragraphs: input.paragraphs,
    signature: input.organ,
    copy_to: input.copyTo,
    ...searchColumnsOf(input.title, text),
  };
}
