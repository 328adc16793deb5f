import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http.js';
import { requestLimit } from '../../platform/rate-limit-store.js';
import { LOGIN_POLICY, throttleKey } from './login-policy.js';
import { addressKey, pairKey, type AddressLimits } from './login-throttle.js';

/**
 * The sign-in's address limits (docs/decisions/008) as @fastify/rate-limit limiters over the
 * database store, so every server process counts the same failures. Keys are the ones
 * login-throttle.ts clears (a success, an administrator's unlock).
 */
export function loginAddressLimits(app: App): (request: FastifyRequest) => AddressLimits {
  const address = requestLimit(app, LOGIN_POLICY.address, (request) => addressKey(request.ip));
  const pair = requestLimit(app, LOGIN_POLICY.pair, (request) => pairKey(throttleKey(typedUsername(request)), request.ip));
  return (request) => ({
    address: { peek: () => address.peek(request), hit: () => address.hit(request) },
    pair: { peek: () => pair.peek(request), hit: () => pair.hit(request) },
  });
}

// Read after validation (loginBody), so it is a string; '' only for a caller that skipped it.
const typedUsername = (request: FastifyRequest) => String((request.body as { username?: unknown } | undefined)?.username ?? '');
