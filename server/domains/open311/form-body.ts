import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { FormFields, MAX_FIELDS } from './open311.schema.js';

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
