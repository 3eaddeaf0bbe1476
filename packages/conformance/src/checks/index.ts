/** Every check of the kit, in the order they run. */
import type { Check } from '../check.js';
import { inviteChecks } from './invites.js';
import { memberChecks } from './members.js';
import { membershipChecks } from './membership.js';
import { segmentChecks } from './segments.js';
import { semanticChecks } from './semantics.js';
import { wireChecks } from './wire.js';

export const checks: readonly Check[] = [
  ...segmentChecks,
  ...memberChecks,
  ...membershipChecks,
  ...inviteChecks,
  ...semanticChecks,
  ...wireChecks,
];
