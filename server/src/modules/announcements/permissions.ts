import type { Permission } from '../../platform/roles.js';

export const ANNOUNCEMENTS_EDIT: Permission = 'announcements:edit';
export const ANNOUNCEMENTS_PUBLISH: Permission = 'announcements:publish';
