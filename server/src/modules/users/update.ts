// An administrator changes a user's role, unit, password or disables the account.
import type { Database } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { invalidField, notFound } from '../../platform/errors.js';
import { hashPassword } from '../../platform/password.js';
import { unitInScope } from '../../platform/scope.js';
import { unknownUnitCodes } from '../units/service.js';
import * as repo from './repository.js';
import type { UpdateUserBody, User } from './schema.js';

export async function updateUser(db: Database, actor: Actor, id: string, patch: UpdateUserBody): Promise<User> {
  requirePermission(actor, 'users:manage');
  if (patch.unitCode !== undefined) {
    if ((await unknownUnitCodes(db, [patch.unitCode])).length > 0) throw invalidField('unitCode', `unknown unit code ${patch.unitCode}`);
    if (!(await unitInScope(db, actor, patch.unitCode))) throw invalidField('unitCode', 'is outside your scope');
  }
  if (id === actor.userId && (patch.disabled === true || (patch.role !== undefined && patch.role !== 'admin'))) {
    throw invalidField(patch.disabled ? 'disabled' : 'role', 'you cannot lock yourself out');
  }
  const passwordHash = patch.password === undefined ? null : await hashPassword(patch.password);
  return db.transaction(async (tx) => {
    const before = await repo.findById(tx, id);
    // A user of another district (or a national one, for a scoped admin) is not found.
    const visible = before && (actor.unitCode === null || (before.unit_code !== null && (await unitInScope(tx, actor, before.unit_code))));
    if (!before || !visible) throw notFound('user');
    const [row] = await tx.query<repo.UserRow>(
      `UPDATE users SET role = COALESCE($2, role), unit_code = COALESCE($3, unit_code), disabled = COALESCE($4, disabled),
         display_name = COALESCE($5, display_name), password_hash = COALESCE($6, password_hash), updated_at = now()
       WHERE id = $1 RETURNING *`,
      [id, patch.role ?? null, patch.unitCode ?? null, patch.disabled ?? null, patch.displayName ?? null, passwordHash],
    );
    const after = repo.presentUser(row!);
    const fields = (user: User) => ({ role: user.role, unitCode: user.unitCode, disabled: user.disabled, displayName: user.displayName });
    await audit(tx, actor, {
      action: 'update', entity: 'user', entityId: id,
      before: fields(repo.presentUser(before)), after: fields(after),
      detail: passwordHash ? { passwordReset: true } : null,
    });
    return after;
  });
}
