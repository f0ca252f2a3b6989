import type { Permission } from '../../platform/roles.js';

export const LEVELS_EDIT: Permission = 'levels:edit';
export const LEVELS_PUBLISH: Permission = 'levels:publish';
