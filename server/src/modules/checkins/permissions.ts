import type { Permission } from '../../platform/roles.js';

export const VENUES_EDIT: Permission = 'venues:edit';
export const CHECKINS_WRITE: Permission = 'checkins:write';
/** Presence data (who was where and when): tracers and health officers, within their scope. */
export const CHECKINS_READ: Permission = 'checkins:read';
