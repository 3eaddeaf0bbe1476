/**
 * The adapter contract for invite links, run by `adapterContract` against
 * every adapter (memory, and REST over the msw mock backend). The checks
 * live in `@segkit/conformance` (`checks/invites.ts`): besides the links
 * themselves they hold every adapter to the privacy of decision 015 (a
 * redeem never finds, enrols or discloses an existing member, and sets
 * nothing but a name and an email).
 */
import { checks } from '@segkit/conformance';
import type { ContractSubject } from './adapter-contract.js';
import { registerChecks } from './adapter-contract.js';

/** Contract checks of invite links; `subject()` is the adapter under test (fresh for each test). */
export function inviteContract(subject: () => ContractSubject): void {
  describe('invite links', () => {
    registerChecks(checks.filter((check) => check.group === 'invites'), subject);
  });
}
