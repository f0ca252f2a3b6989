import type { Permission } from '../../platform/roles.js';

/** Declarations are personal health data: checkpoint staff, tracers and health officers, within their scope. */
export const DECLARATIONS_READ: Permission = 'declarations:read';
/**
 * Changing the triage rules is a health officer's (or an administrator's) decision. No permission of
 * its own exists yet, and roles.ts is not this module's to change: 'venues:edit' is granted to exactly
 * those two roles (not to checkpoint staff or tracers), so it stands in until a 'declarations:rules'
 * permission is added.
 */
export const RULES_EDIT: Permission = 'venues:edit';
