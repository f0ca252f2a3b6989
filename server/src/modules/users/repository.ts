import type { Queryable } from '../../db/database.js';
import { type Role, permissionsOf } from '../../platform/roles.js';
import type { User } from './schema.js';

export interface UserRow {
  id: string;
  username: string;
  display_name: string | null;
  password_hash: string;
  role: Role;
  unit_code: string | null;
  disabled: boolean;
  created_at: Date;
}

export function presentUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    unitCode: row.unit_code,
    permissions: [...permissionsOf(row.role)],
    disabled: row.disabled,
    createdAt: row.created_at.toISOString(),
  };
}

export async function findByUsername(db: Queryable, username: string): Promise<UserRow | null> {
  const [row] = await db.query<UserRow>('SELECT * FROM users WHERE username = $1', [username]);
  return row ?? null;
}

export async function findById(db: Queryable, id: string): Promise<UserRow | null> {
  const [row] = await db.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
  return row ?? null;
}

export async function insertUser(
  tx: Queryable,
  user: { username: string; passwordHash: string; role: Role; unitCode: string | null; displayName?: string | null | undefined },
): Promise<UserRow | null> {
  const [row] = await tx.query<UserRow>(
    `INSERT INTO users (username, password_hash, role, unit_code, display_name) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (username) DO NOTHING RETURNING *`,
    [user.username, user.passwordHash, user.role, user.unitCode, user.displayName ?? null],
  );
  return row ?? null;
}

export async function listUsers(db: Queryable, scopeUnit: string | null, limit: number, offset: number) {
  const where = `($1::text IS NULL OR unit_code IN (SELECT code FROM units WHERE $1 = ANY (path)))`;
  const rows = await db.query<UserRow>(`SELECT * FROM users WHERE ${where} ORDER BY username LIMIT $2 OFFSET $3`, [scopeUnit, limit, offset]);
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE ${where}`, [scopeUnit]);
  return { rows, total: count?.n ?? 0 };
}

export async function countUsers(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  return row?.n ?? 0;
}
