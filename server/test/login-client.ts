import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { leadingZeroBits, puzzleInput } from '../../common/proof-of-work.js';

/**
 * A sign-in client for tests, doing what the browsers do (web/lib/sign-in.ts): it answers a
 * LOGIN_CHALLENGE_REQUIRED by solving a challenge, and a 429 by moving the test's clock on by
 * Retry-After instead of sleeping.
 */
type Response = Awaited<ReturnType<FastifyInstance['inject']>>;

export interface LoginOptions {
  ip?: string;
  /** Cookie header to send (e.g. a trusted-device cookie). */
  cookie?: string;
  challenge?: { token: string; nonce: string };
}

export function attemptLogin(app: FastifyInstance, username: string, password: string, options: LoginOptions = {}) {
  return app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password, ...(options.challenge ? { challenge: options.challenge } : {}) },
    remoteAddress: options.ip ?? '127.0.0.1',
    headers: options.cookie ? { cookie: options.cookie } : {},
  });
}

export async function fetchChallenge(app: FastifyInstance, username: string, options: LoginOptions = {}) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login-challenge',
    payload: { username },
    remoteAddress: options.ip ?? '127.0.0.1',
    headers: options.cookie ? { cookie: options.cookie } : {},
  });
  if (res.statusCode !== 200) throw new Error(`challenge ${username}: ${res.statusCode} ${res.body}`);
  return res.json() as { token: string; difficulty: number; expiresAt: string };
}

export function solveChallenge(token: string, difficulty: number): string {
  for (let n = 0; ; n++) {
    const nonce = n.toString(36);
    if (leadingZeroBits(createHash('sha256').update(puzzleInput(token, nonce)).digest()) >= difficulty) return nonce;
  }
}

/** A nonce that does not solve the puzzle (almost any does not). */
export function nonceNotSolving(token: string, difficulty: number): string {
  for (let n = 0; ; n++) {
    const nonce = `z${n.toString(36)}`;
    if (leadingZeroBits(createHash('sha256').update(puzzleInput(token, nonce)).digest()) < difficulty) return nonce;
  }
}

export async function solvedChallenge(app: FastifyInstance, username: string, options: LoginOptions = {}) {
  const challenge = await fetchChallenge(app, username, options);
  return { token: challenge.token, nonce: solveChallenge(challenge.token, challenge.difficulty) };
}

export interface PatientResult {
  response: Response;
  /** Seconds waited on 429s before the final answer. */
  waits: number[];
  challengesSolved: number;
}

/** Tries until the server looks at the password: waits out 429s, solves challenges. */
export async function patientLogin(
  app: FastifyInstance,
  clock: { advance(ms: number): void },
  username: string,
  password: string,
  options: LoginOptions = {},
): Promise<PatientResult> {
  const waits: number[] = [];
  let challengesSolved = 0;
  let challenge: LoginOptions['challenge'];
  for (let round = 0; round < 20; round++) {
    const response = await attemptLogin(app, username, password, { ...options, challenge });
    challenge = undefined;
    if (response.statusCode === 429) {
      const seconds = Number(response.headers['retry-after']);
      waits.push(seconds);
      clock.advance(seconds * 1000);
      continue;
    }
    if (response.json().code === 'LOGIN_CHALLENGE_REQUIRED') {
      challenge = await solvedChallenge(app, username, options);
      challengesSolved++;
      continue;
    }
    return { response, waits, challengesSolved };
  }
  throw new Error(`${username}: no answer after 20 rounds`);
}
