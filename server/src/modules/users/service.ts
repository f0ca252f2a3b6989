import type { Database } from '../../db/database.js';
import { type Actor, SYSTEM_ACTOR, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { conflict, invalidField } from '../../platform/errors.js';
import type { Page } from '../../platform/pagination.js';
import { hashPassword, randomPassword } from '../../platform/password.js';
import { unitInScope } from '../../platform/scope.js';
import { unknownUnitCodes } from '../units/service.js';
import * as repo from './repository.js';
import type { CreateUserBody, User } from './schema.js';

export async function createUser(db: Database, actor: Actor, input: CreateUserBody): Promise<User> {
  requirePermission(actor, 'users:manage');
  if ((await unknownUnitCodes(db, [input.unitCode])).length > 0) throw invalidField('unitCode', `unknown unit code ${input.unitCode}`);
  // An administrator scoped to a district may create users only inside that district.
  if (!(await unitInScope(db, actor, input.unitCode))) throw invalidField('unitCode', 'is outside your scope');
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const row = await repo.insertUser(tx, { ...input, passwordHash });
    if (!row) throw conflict(`the user name ${input.username} is taken`, { username: 'is taken' });
    const user = repo.presentUser(row);
    await audit(tx, actor, { action: 'create', entity: 'user', entityId: user.id, after: { username: user.username, role: user.role, unitCode: user.unitCode } });
    return user;
  });
}

export async function listUsers(db: Database, actor: Actor, limit: number, offset: number): Promise<Page<User>> {
  requirePermission(actor, 'users:manage');
  const { rows, total } = await repo.listUsers(db, actor.unitCode, limit, offset);
  return { items: rows.map(repo.presentUser), total, limit, offset };
}

/**
 * On first start (no users at all) creates `admin` with national scope. Returns the password
 * when it was generated here, so the caller can print it once; null otherwise.
 */
export async function ensureAdmin(db: Database, configuredPassword: string | undefined): Promise<{ created: boolean; generatedPassword: string | null }> {
  if ((await repo.countUsers(db)) > 0) return { created: false, generatedPassword: null };
  const password = configuredPassword ?? randomPassword();
  const passwordHash = await hashPassword(password);
  const created = await db.transaction(async (tx) => {
    const row = await repo.insertUser(tx, { username: 'admin', passwordHash, role: 'admin', unitCode: null, displayName: 'Administrator' });
    if (row) await audit(tx, SYSTEM_ACTOR, { action: 'create', entity: 'user', entityId: row.id, after: { username: 'admin', role: 'admin' } });
    return row !== null;
  });
  return { created, generatedPassword: created && !configuredPassword ? password : null };
}
