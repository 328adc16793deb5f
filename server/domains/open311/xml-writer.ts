/**
 * The XML of GeoReport v2: schemaless, no namespace, no attributes, UTF-8 with the declaration
 * the spec asks for (wiki.open311.org/GeoReport_v2, "Encoding" and "XML Support"). Our JSON
 * follows the spec's Spark convention (a container of one repeated child is an array), so the
 * XML is its inverse: an array becomes a container whose children take the name `items` gives.
 */
export type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [name: string]: XmlValue };

const ELEMENT_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
// XML 1.0 allows only these characters at all; anything else (NUL, other C0 controls, lone
// surrogates, U+FFFE/FFFF) cannot be escaped either, so it is dropped.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXmlText(text: string): string {
  return text.replace(NOT_XML_CHAR, '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** A whole document: declaration, then `root` holding `value`. */
export function xmlDocument(root: string, value: XmlValue, items: Readonly<Record<string, string>>): string {
  const lines = ['<?xml version="1.0" encoding="utf-8"?>'];
  writeElement(lines, root, value, items, 0);
  return `${lines.join('\n')}\n`;
}

function writeElement(lines: string[], name: string, value: XmlValue, items: Readonly<Record<string, string>>, depth: number) {
  if (!ELEMENT_NAME.test(name)) throw new Error(`not an XML element name: ${name}`);
  const indent = '  '.repeat(depth);
  if (value === null || value === undefined) {
    lines.push(`${indent}<${name}/>`);
    return;
  }
  if (Array.isArray(value)) {
    const item = items[name];
    if (!item) throw new Error(`no element name for the items of <${name}>`);
    if (!value.length) {
      lines.push(`${indent}<${name}/>`);
      return;
    }
    lines.push(`${indent}<${name}>`);
    for (const v of value) writeElement(lines, item, v, items, depth + 1);
    lines.push(`${indent}</${name}>`);
    return;
  }
  if (typeof value === 'object') {
    lines.push(`${indent}<${name}>`);
    for (const [child, v] of Object.entries(value)) writeElement(lines, child, v, items, depth + 1);
    lines.push(`${indent}</${name}>`);
    return;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`<${name}> is not a finite number`);
  lines.push(`${indent}<${name}>${escapeXmlText(String(value))}</${name}>`);
}
