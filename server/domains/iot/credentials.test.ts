import { describe, expect, it } from 'vitest';
import { issueCredentials, mosquittoHash, parseHttpToken, secretMatches } from './credentials.js';

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

  it('hash the secret for Mosquitto as mosquitto_passwd does, with a fresh salt each time', () => {
    // Written by `mosquitto_passwd -b -c f u1 secret1` (Mosquitto 2.0.11): the same salt gives the same line.
    const fromMosquitto =
      '$7$101$jBD4OHf8BoQHAOWQ$00FC9SYj43UILgQ6LgB9qQpWH8TUKMcqGlEpMIAVfl+J1ht4TX2UyFG52jc6g/NWOulrgJ08EEotscBkZug6qA==';
    expect(mosquittoHash('secret1', Buffer.from('jBD4OHf8BoQHAOWQ', 'base64'))).toBe(fromMosquitto);
    const issued = issueCredentials('SD-0002');
    expect(issued.mosquittoHash).toMatch(/^\$7\$101\$[A-Za-z0-9+/]{16}\$[A-Za-z0-9+/]{86}==$/);
    expect(issued.mosquittoHash).not.toBe(issueCredentials('SD-0002').mosquittoHash);
  });
});
