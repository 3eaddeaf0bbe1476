/**
 * Fault injection for the mock backend: latency, random 503s, a fixed status,
 * offline, malformed answers, and a queue of one-shot faults for tests.
 */
import { createRandom } from './random.js';
import type { Random } from './random.js';

/** One fault for one request, taken from the front of `failNext`. */
export interface NextFault {
  /** Answer this status with an error body (and, for 429 and 503, `Retry-After: 1`). */
  status?: number;
  /** Fail like a network error (`HttpResponse.error()`). */
  network?: boolean;
  /** Answer a 2xx whose body is invalid JSON or a wrong shape. The request is applied. */
  malformed?: boolean;
  /**
   * Apply the request first, then lose the answer: a network error, or
   * `status` / `malformed` when given. This is how tests prove that
   * `Idempotency-Key` replays apply nothing twice.
   */
  afterApply?: boolean;
}

export interface Faults {
  /** Delay before every answer: fixed, or uniform in `[min, max]`. */
  latencyMs: number | [number, number];
  /** Share (0..1) of requests answered `503` with `Retry-After: 0` or `1`. */
  errorRate: number;
  /** When set, every request is answered with this status and an error body. */
  status: number | null;
  /** Every request fails like a network error. */
  offline: boolean;
  /** Every 2xx body is invalid JSON or a wrong shape (the request is still applied). */
  malformed: boolean;
  /** One-shot faults, consumed one per request, before the standing ones. */
  failNext: NextFault[];
}

export interface FaultController {
  /** Changes some faults; `failNext` replaces the queue. */
  set(faults: Partial<Faults>): void;
  /** Back to no faults (and the fault dice back to their seed). */
  reset(): void;
  /** A copy of the faults in force. */
  get(): Faults;
  /** Reseeds the dice behind `errorRate`, latency ranges and malformed answers. */
  seed(seed: number): void;
}

export function noFaults(): Faults {
  return { latencyMs: 0, errorRate: 0, status: null, offline: false, malformed: false, failNext: [] };
}

/** What the handlers ask of the controller; not public. */
export interface FaultRuntime extends FaultController {
  /** Takes the next one-shot fault, if any. */
  takeNext(): NextFault | undefined;
  /** The delay for this request, in ms. */
  latency(): number;
  /** True when this request should be a random 503. */
  rollError(): boolean;
  /** The dice (for Retry-After values and malformed variants). */
  readonly random: Random;
}

/** A deep copy of `faults` (what `get()` returns). */
export function copyFaults(faults: Faults): Faults {
  return {
    ...faults,
    latencyMs: Array.isArray(faults.latencyMs) ? [faults.latencyMs[0], faults.latencyMs[1]] : faults.latencyMs,
    failNext: faults.failNext.map((f) => ({ ...f })),
  };
}

/** Throws a RangeError for a setting out of range (what `set()` refuses). */
export function checkFaults(faults: Partial<Faults>): void {
  const { latencyMs, errorRate, status } = faults;
  if (latencyMs !== undefined) {
    const [min, max] = Array.isArray(latencyMs) ? latencyMs : [latencyMs, latencyMs];
    if (!(min >= 0 && max >= min)) throw new RangeError('latencyMs is a number >= 0 or [min, max] with 0 <= min <= max.');
  }
  if (errorRate !== undefined && !(errorRate >= 0 && errorRate <= 1)) {
    throw new RangeError('errorRate is from 0 to 1.');
  }
  if (status !== undefined && status !== null && !(Number.isInteger(status) && status >= 200 && status <= 599)) {
    throw new RangeError('status is an HTTP status from 200 to 599, or null.');
  }
}

export function createFaultController(seed: number): FaultRuntime {
  let initialSeed = seed >>> 0;
  let faults = noFaults();
  let random = createRandom(initialSeed ^ 0x5eed);
  return {
    set(partial) {
      checkFaults(partial);
      faults = copyFaults({ ...faults, ...partial, failNext: partial.failNext ?? faults.failNext });
    },
    reset() {
      faults = noFaults();
      random = createRandom(initialSeed ^ 0x5eed);
    },
    get: () => copyFaults(faults),
    seed(next) {
      initialSeed = next >>> 0;
      random = createRandom(initialSeed ^ 0x5eed);
    },
    takeNext: () => faults.failNext.shift(),
    latency() {
      const { latencyMs } = faults;
      if (!Array.isArray(latencyMs)) return latencyMs;
      return latencyMs[0] + random.next() * (latencyMs[1] - latencyMs[0]);
    },
    rollError: () => faults.errorRate > 0 && random.next() < faults.errorRate,
    get random() {
      return random;
    },
  };
}
