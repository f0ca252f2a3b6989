import type { Permission } from '../../platform/roles.js';

export const PLACES_EDIT: Permission = 'places:edit';
