import type { Permission } from '../../platform/roles.js';

/** Collecting samples: opening sessions' tubes, scanning people into them, sealing. */
export const TESTING_COLLECT: Permission = 'testing:collect';
/** The laboratory: receiving tubes and entering or importing results. */
export const TESTING_LAB: Permission = 'testing:lab';
/** Reading people's test results (audited with a reason) and the coverage of rounds. */
export const TESTING_READ: Permission = 'testing:read';
/** Planning: sessions, rounds, pool sizes; deciding on the cases positive results propose. */
export const TESTING_MANAGE: Permission = 'testing:manage';
