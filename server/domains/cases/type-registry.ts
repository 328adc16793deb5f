import type { Kysely } from 'kysely';
import type { App } from '../../platform/http.js';
import type { DB } from '../../platform/db/schema.js';
import type { Route, RoutingFacts } from './routing.js';

/**
 * Case types plug into the case engine (docs/decisions/013). Every case runs the engine's loop
 * (report → accept → dispatch → handle → verify → close → evaluate) under its clocks and the
 * case policy; a case type is a kind of case that needs more — abandoned vehicles (一车一档)
 * today, IoT alarms, property repairs and elderly emergencies next — and says so here instead
 * of the engine knowing it. What a type may not do is the engine's alone: lock a case, move its
 * status, write its timeline or its notifications (type-steps.ts hosts a type's steps).
 */
export interface CaseType {
  /** case_categories.case_type of its categories: `caseType` in data/cases/categories.json. */
  readonly code: string;
  /**
   * Its form's rules beyond each field's own check (common/case-form.ts), run on every report of
   * its categories after those: the values to keep, or an AppError refusing the report.
   */
  checkForm?(attributes: Record<string, unknown>): Record<string, unknown>;
  /** Its routing when it is not data (an alarm goes to the device's keeper): a route, or null for the rules. */
  route?(c: RoutingFacts): Promise<Route | null>;
  /** Its own API: the extra steps on its cases and its reports, registered beside the case routes. */
  routes?(app: App): Promise<void>;
  /**
   * What it does to its own records when a person's step is taken on one of its cases (an alarm
   * case's 结案 closes the alarm), on the step's transaction: refused, the step is refused too.
   */
  afterStep?(step: CaseTypeStep): Promise<void>;
}

/** A step on a case, as a case type's afterStep hears of it. */
export interface CaseTypeStep {
  /** The step's transaction. */
  db: Kysely<DB>;
  caseId: number;
  /** The timeline line's action: 'close', 'dispatch', … */
  action: string;
  toStatus: string;
  at: Date;
  by: { userId: number; name: string };
}

/** The case types the engine hosts, by code. */
export interface CaseTypes {
  get(code: string): CaseType | undefined;
  readonly all: readonly CaseType[];
}

/** 'general' is the engine's own loop with nothing added: no case type registers under it. */
export const GENERAL = 'general';

export function caseTypeRegistry(types: readonly CaseType[]): CaseTypes {
  const byCode = new Map<string, CaseType>();
  for (const type of types) {
    if (type.code === GENERAL || byCode.has(type.code))
      throw new Error(`case type ${type.code} is registered twice or is the engine's own`);
    byCode.set(type.code, type);
  }
  return { get: (code) => byCode.get(code), all: [...types] };
}

/** The form as the case's type keeps it: the type's own rules, if it has any. */
export const checkTypeForm = (types: CaseTypes, caseType: string, attributes: Record<string, unknown>) =>
  types.get(caseType)?.checkForm?.(attributes) ?? attributes;

/** Every case type's own API, registered with the case routes. */
export async function caseTypeRoutes(app: App, types: CaseTypes) {
  for (const type of types.all) if (type.routes) await app.register(type.routes);
}
