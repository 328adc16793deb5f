import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors.js';

const FORM = 'application/x-www-form-urlencoded';
export const FORM_BODY_LIMIT = 64 * 1024;

/**
 * GeoReport v2 clients POST application/x-www-form-urlencoded; Fastify parses only JSON by
 * default. This parser is added inside the Open311 plugin, so nothing else in the app starts
 * accepting form bodies; if the app ever gets one of its own, this one still wins here.
 * Pairs stay pairs: attribute[code][]=a&attribute[code][]=b repeats a name on purpose.
 */
export function installFormParser(app: FastifyInstance) {
  if (app.hasContentTypeParser(FORM)) app.removeContentTypeParser(FORM);
  app.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT }, (_request, body, done) => {
    try {
      done(null, parseForm(body as string));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
}

export function parseForm(body: string): FormFields {
  const pairs = [...new URLSearchParams(body)];
  if (pairs.length > MAX_FIELDS) throw new AppError(400, 'TOO_MANY_FIELDS', `表单字段过多（最多 ${MAX_FIELDS} 个）`);
  return new FormFields(pairs);
}

/** A form body as sent: name/value pairs in order, repeated names kept (see form-body.ts). */
export class FormFields {
  constructor(readonly pairs: readonly [string, string][]) {}
}

const ATTRIBUTE_FIELD = /^attribute\[([^\][]*)\](\[\])?$/;
export const MAX_FIELDS = 200;

/**
 * The body's fields with the spec's attribute[code]=v and attribute[code][]=v gathered into
 * `attributes`. A form body or a JSON object (whose `attribute` may also be an object). Other
 * repeated fields stay arrays, which the schema then refuses.
 */
export function fieldsOf(body: unknown): { api_key: unknown; fields: Record<string, unknown> } {
  const pairs: [string, unknown][] =
    body instanceof FormFields ? [...body.pairs] : body && typeof body === 'object' && !Array.isArray(body) ? Object.entries(body) : [];
  const fields = new Map<string, unknown>();
  const attributes = new Map<string, unknown>();
  const addAttribute = (code: string, value: unknown, list: boolean) => {
    // A JSON client may send numbers and booleans where a form sends their text.
    const values = (Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v));
    const earlier = attributes.get(code);
    if (earlier === undefined && !list && values.length === 1) attributes.set(code, values[0]);
    else attributes.set(code, [...(earlier === undefined ? [] : Array.isArray(earlier) ? earlier : [earlier]), ...values]);
  };
  for (const [name, value] of pairs) {
    const attribute = ATTRIBUTE_FIELD.exec(name);
    if (attribute) addAttribute(attribute[1], value, attribute[2] !== undefined);
    else if (name === 'attribute' && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [code, v] of Object.entries(value)) addAttribute(code, v, Array.isArray(v));
    } else if (fields.has(name)) fields.set(name, [fields.get(name), value].flat());
    else fields.set(name, value);
  }
  const apiKey = fields.get('api_key');
  fields.delete('api_key');
  return { api_key: apiKey, fields: { ...Object.fromEntries(fields), attributes: Object.fromEntries(attributes) } };
}
