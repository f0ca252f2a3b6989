import type { Permission } from '../../platform/roles.js';

export const ZONES_EDIT: Permission = 'zones:edit';
