import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Small tokens the server hands out and later believes without storing them: base64url JSON,
 * a dot, and an HMAC-SHA256 over the purpose and the JSON. The purpose is part of what is
 * signed, so a token made for one use (a login challenge) is worthless for another (a trusted
 * device). The key is per installation (identity.repository.ts signingKey).
 */
export function signToken(key: Buffer, purpose: string, payload: Record<string, unknown>): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(key, purpose, body)}`;
}

/** The payload of a token this installation signed for `purpose`, or null. */
export function readToken(key: Buffer, purpose: string, token: string | undefined): Record<string, unknown> | null {
  if (!token || token.length > 1024) return null;
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(key, purpose, body));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    return payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const mac = (key: Buffer, purpose: string, body: string) => createHmac('sha256', key).update(`${purpose}\n${body}`).digest('base64url');
