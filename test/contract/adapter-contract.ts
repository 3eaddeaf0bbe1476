/**
 * The adapter contract: one suite, run against every adapter (memory, and
 * REST over the msw mock backend). Its checks live once, in
 * `@segkit/conformance` (the same checks the `segkit-conformance` command
 * runs against any backend over HTTP); this registers one `it` per check,
 * grouped, each against a fresh adapter over the seeded dataset. A check
 * that would skip fails here: this dataset has everything every check needs.
 */
import type { SegmentsAdapter } from '@segkit/core';
import type { Check, Wire } from '@segkit/conformance';
import { checks, createContext } from '@segkit/conformance';
import { inviteContract } from './invite-contract.js';

export interface ContractSubject {
  adapter: SegmentsAdapter;
  /** Raw HTTP to the backend, for the checks of the wire (REST only). */
  wire?: Wire;
  dispose?(): void | Promise<void>;
}

/** Makes a fresh adapter over the deterministic mock dataset of this seed and size. */
export type ContractFactory = (options: { seed: number; size: number }) => Promise<ContractSubject>;

const SIZE = 60;

/** Registers one `it` per check, which runs it against the subject of the moment. */
export function registerChecks(list: readonly Check[], subject: () => ContractSubject): void {
  for (const check of list) {
    it(check.name, async () => {
      const { adapter, wire } = subject();
      await check.run(createContext({ adapter, ...(wire ? { wire } : {}), known: { totalMembers: SIZE } }));
    });
  }
}

/**
 * `wire`: the factory's subjects carry a `wire` (REST): the checks of the
 * wire run too. Without it (the memory adapter) they are not registered.
 */
export function adapterContract(name: string, factory: ContractFactory, options: { wire?: boolean } = {}): void {
  describe(`adapter contract: ${name}`, function () {
    this.timeout(30_000);
    let subject: ContractSubject;

    beforeEach(async () => {
      subject = await factory({ seed: 7, size: SIZE });
    });
    afterEach(async () => {
      await subject.dispose?.();
    });

    const runs = checks.filter((check) => options.wire || !check.needs.includes('wire'));
    const groups = [...new Set(runs.map((check) => check.group))].filter((group) => group !== 'invites');
    for (const group of groups) {
      describe(group, () => registerChecks(runs.filter((check) => check.group === group), () => subject));
    }
    inviteContract(() => subject);
  });
}
