import { describe, expect, it } from 'vitest';
import { escapeXmlText, xmlDocument } from './xml-writer.js';
import { fromSparkXml } from './spec-client.js';

const items = { services: 'service', values: 'value' };

describe('xmlDocument', () => {
  it('writes the declaration, lists as repeated children, null and empty lists as empty elements', () => {
    const xml = xmlDocument(
      'services',
      [
        { service_code: 'a', metadata: true, group: null, values: [] },
        { service_code: 'b', order: 2 },
      ],
      items,
    );
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<services>',
        '  <service>',
        '    <service_code>a</service_code>',
        '    <metadata>true</metadata>',
        '    <group/>',
        '    <values/>',
        '  </service>',
        '  <service>',
        '    <service_code>b</service_code>',
        '    <order>2</order>',
        '  </service>',
        '</services>',
        '',
      ].join('\n'),
    );
  });

  it('escapes markup and drops what XML 1.0 cannot carry', () => {
    expect(escapeXmlText(`a<b>&"c'`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
    expect(escapeXmlText('x\u0000y\u0007z\uD800\uFFFE 行\t\n')).toBe('xyz 行\t\n');
    expect(escapeXmlText('😀 emoji')).toBe('😀 emoji');
    const text = '</description><injected>&amp;';
    const parsed = fromSparkXml(xmlDocument('service_definition', { service_code: text }, items));
    expect(parsed).toEqual({ service_code: text });
  });

  it('refuses names that are not XML names, lists without an item name, and NaN', () => {
    expect(() => xmlDocument('a b', 'x', items)).toThrow();
    expect(() => xmlDocument('things', [1], items)).toThrow(/things/);
    expect(() => xmlDocument('n', Number.NaN, items)).toThrow();
  });
});
