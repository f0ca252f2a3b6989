import type { Permission } from '../../platform/roles.js';

export const STATS_EDIT: Permission = 'stats:edit';
