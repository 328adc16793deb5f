import { describe, expect, it } from 'vitest';
import { issueCredentials, parseHttpToken, secretMatches } from './credentials.js';

describe('device credentials', () => {
  it('are new on every issue, and only the issued secret matches its stored hash', () => {
    const a = issueCredentials('SD-0001');
    const b = issueCredentials('SD-0001');
    expect(a.username).toMatch(/^SD-0001\.[0-9a-f]{8}$/);
    expect(a.username).not.toBe(b.username);
    expect(a.password).not.toBe(b.password);
    expect(a.secretSha256).not.toContain(a.password);
    expect(secretMatches(a.password, a.secretSha256)).toBe(true);
    expect(secretMatches(b.password, a.secretSha256)).toBe(false);
    expect(secretMatches('', a.secretSha256)).toBe(false);
  });

  it('read back from the HTTP token, which refuses anything else', () => {
    const issued = issueCredentials('GAS-7');
    expect(parseHttpToken(issued.httpToken)).toEqual({ username: issued.username, password: issued.password });
    for (const bad of ['', 'no-colon', ':secret', 'user:']) expect(parseHttpToken(bad)).toBeNull();
  });
});
