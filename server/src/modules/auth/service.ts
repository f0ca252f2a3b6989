import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { audit } from '../../platform/audit.js';
import type { Actor } from '../../platform/actor.js';
import { invalidField, rateLimited, unauthorized } from '../../platform/errors.js';
import { hashPassword, verifyPassword } from '../../platform/password.js';
import type { TokenSigner } from '../../platform/tokens.js';
import { type UserRow, findById, findByUsername, presentUser } from '../users/repository.js';
import type { User } from '../users/schema.js';

// Verifying against this when the user does not exist keeps the answer time the same,
// so response times do not reveal which user names exist.
const decoyHash = hashPassword('decoy password that never matches');

/** Attempts from one address may be several users' (a commune office behind one NAT): allow more. */
const PER_ADDRESS_FACTOR = 4;

async function throttle(db: Database, config: Config, username: string, ip: string): Promise<void> {
  const [row] = await db.query<{ by_user: number; by_ip: number; oldest: Date | null }>(
    `SELECT count(*) FILTER (WHERE username = $1)::int AS by_user, count(*) FILTER (WHERE ip = $2)::int AS by_ip,
            min(at) FILTER (WHERE username = $1) AS oldest
     FROM login_failures WHERE at > now() - make_interval(secs => $3) AND (username = $1 OR ip = $2)`,
    [username, ip, config.loginWindowSeconds],
  );
  const byUser = row?.by_user ?? 0;
  const byIp = row?.by_ip ?? 0;
  if (byUser >= config.loginMaxFailures || byIp >= config.loginMaxFailures * PER_ADDRESS_FACTOR) {
    const oldest = row?.oldest?.getTime() ?? Date.now();
    const retryAfter = Math.max(1, Math.ceil((oldest + config.loginWindowSeconds * 1000 - Date.now()) / 1000));
    throw rateLimited(retryAfter);
  }
}

export async function login(
  deps: { db: Database; config: Config; tokens: TokenSigner },
  input: { username: string; password: string; ip: string; requestId?: string },
): Promise<{ token: string; user: User }> {
  const { db, config, tokens } = deps;
  const username = input.username.trim().toLowerCase();
  await throttle(db, config, username, input.ip);
  const row = await findByUsername(db, username);
  const ok = row ? await verifyPassword(input.password, row.password_hash) : await verifyPassword(input.password, await decoyHash);
  if (!row || !ok || row.disabled) {
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO login_failures (username, ip) VALUES ($1, $2)', [username, input.ip]);
      await tx.query(`DELETE FROM login_failures WHERE at < now() - interval '1 day'`);
    });
    throw unauthorized('wrong user name or password');
  }
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM login_failures WHERE username = $1', [username]);
    await audit(tx, { userId: row.id, username: row.username, role: row.role, unitCode: row.unit_code, requestId: input.requestId }, {
      action: 'login', entity: 'user', entityId: row.id, detail: { ip: input.ip },
    });
  });
  return { token: await tokens.sign(row.id), user: presentUser(row) };
}

export async function currentUser(db: Database, userId: string): Promise<User> {
  const row: UserRow | null = await findById(db, userId);
  if (!row) throw unauthorized();
  return presentUser(row);
}

/** A user changes their own password; the current one must be given. */
export async function changePassword(db: Database, actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
  const row = await findById(db, actor.userId);
  if (!row || !(await verifyPassword(currentPassword, row.password_hash))) throw invalidField('currentPassword', 'is wrong');
  if (currentPassword === newPassword) throw invalidField('newPassword', 'must differ from the current password');
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1', [actor.userId, passwordHash]);
    await audit(tx, actor, { action: 'change_password', entity: 'user', entityId: actor.userId });
  });
}
