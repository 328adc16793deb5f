import type { Kysely } from 'kysely';
import type { DB, IotValue } from '../../../platform/db/schema.js';

/**
 * Where the rule engine plugs into ingest (decision 027: "ingest owns the transaction around
 * it"). The batch writer calls `EvaluateBatch` inside the transaction that stored the readings,
 * after it has locked the devices' `iot_device_state` rows in id order, so two processes never
 * judge one device at once and a restart goes on from the saved `rule_state`.
 */

/** A device's row of iot_device_state, locked for this transaction, as it was before the batch. */
export interface LockedDevice {
  deviceId: number;
  /** The time of the newest reading merged so far (the epoch for a device never heard). */
  ts: Date;
  values: Record<string, IotValue>;
  ruleState: Record<string, unknown>;
}

/** A reading this batch stored (duplicates are left out: they were judged the first time). */
export interface StoredReading {
  ts: Date;
  values: Record<string, IotValue>;
}

export interface DeviceBatch {
  device: LockedDevice;
  /** This batch's stored readings of the device, oldest first. */
  readings: StoredReading[];
}

export interface Evaluation {
  /** The new rule_state of each device whose state changed; devices left out keep theirs. */
  ruleStates: Map<number, Record<string, unknown>>;
  /** Runs after the commit (e.g. announce raised alarms); never before, and not on rollback. */
  afterCommit?: () => void;
}

/**
 * The rule engine's entry. `trx` is the ingest transaction, for the engine's repositories to
 * write alarms in: they commit with the readings or not at all.
 */
export type EvaluateBatch = (batches: DeviceBatch[], at: Date, trx: Kysely<DB>) => Promise<Evaluation>;

/**
 * What ingest runs until the rule engine (decision 026, server/domains/iot/rules/) is merged:
 * it evaluates nothing and leaves every device's rule state as it was.
 */
export const evaluateNothing: EvaluateBatch = async () => ({ ruleStates: new Map() });
