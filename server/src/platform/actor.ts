import { forbidden } from './errors.js';
import { type Permission, type Role, permissionsOf } from './roles.js';

/** Who is making a request: every service function that touches protected data takes one. */
export interface Actor {
  userId: string;
  username: string;
  role: Role;
  /** The unit the user is scoped to; null means every unit (national administrator). */
  unitCode: string | null;
  requestId?: string | undefined;
}

/** The system itself (first start, seeding, CLI imports): audited under this name. */
export const SYSTEM_ACTOR: Actor = {
  userId: '00000000-0000-0000-0000-000000000000',
  username: 'system',
  role: 'admin',
  unitCode: null,
};

export function can(actor: Actor, permission: Permission): boolean {
  return permissionsOf(actor.role).includes(permission);
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw forbidden(`role ${actor.role} may not ${permission.replace(':', ' ')}`);
}

/** A citizen acting for themselves without an account (self check-in, declarations): audited under this name. */
export const CITIZEN_ACTOR: Actor = {
  userId: '00000000-0000-0000-0000-000000000001',
  username: 'citizen',
  role: 'viewer',
  unitCode: null,
};
