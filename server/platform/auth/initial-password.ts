import { randomBytes } from 'node:crypto';
import { passwordProblem } from './password-policy.js';

/**
 * A password for a new account or a reset one, shown once to whoever hands it over and to be
 * changed at the first sign-in (must_change_password). 72 random bits, then one of each class the
 * policy (password-policy.ts) asks for, so it passes whatever the random part holds.
 */
export function generateInitialPassword(): string {
  for (;;) {
    const password = `${randomBytes(9).toString('base64url')}a1!`;
    // base64url may hold '-' or '_': fine; but never a run the personal-number scan would read as a phone.
    if (!passwordProblem(password) && !/\d{7,}/.test(password)) return password;
  }
}
