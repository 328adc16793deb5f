/**
 * A gazette's text from the file a user picked. Gazettes copied out of PDFs on a county office's
 * Windows machines are often GB18030 (GBK), not UTF-8: a file that is not valid UTF-8 is read as
 * GB18030, so the office need not convert it first.
 */
export async function gazetteText(file: File): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
