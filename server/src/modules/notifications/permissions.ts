import type { Permission } from '../../platform/roles.js';

/** List outbox messages and their status, within the scope of each message's person (or unit). */
export const NOTIFICATIONS_READ: Permission = 'notifications:read';
/** Put a failed message back in the queue. */
export const NOTIFICATIONS_SEND: Permission = 'notifications:send';
