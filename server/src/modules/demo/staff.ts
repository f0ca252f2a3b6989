// Demo staff: one user of every role at the province, at district 930 (Vị Thanh) and at one of
// its communes, so each role's scope can be tried. They share one password, printed by the CLI.
import type { Queryable } from '../../db/database.js';
import { hashPassword } from '../../platform/password.js';
import { ROLES } from '../../platform/roles.js';

export const DEMO_STAFF_PASSWORD = 'vigil-demo-2021';

export async function insertDemoStaff(tx: Queryable, passwordHash: string): Promise<string[]> {
  const [commune] = await tx.query<{ code: string }>(`SELECT code FROM units WHERE parent_code = '930' ORDER BY code LIMIT 1`);
  const units = ['93', '930', ...(commune ? [commune.code] : [])];
  const usernames: string[] = [];
  for (const unitCode of units) {
    for (const role of ROLES.filter((r) => r !== 'admin' || unitCode === '93')) {
      const username = `demo.${role.replace(/_/g, '-')}.${unitCode}`;
      const rows = await tx.query(
        `INSERT INTO users (username, password_hash, role, unit_code, display_name) SELECT $1, $2, $3, $4, $5
         WHERE EXISTS (SELECT 1 FROM units WHERE code = $4) ON CONFLICT (username) DO NOTHING RETURNING 1`,
        [username, passwordHash, role, unitCode, `Demo ${role} ${unitCode}`],
      );
      if (rows.length > 0) usernames.push(username);
    }
  }
  return usernames;
}

export const demoStaffPasswordHash = (password = DEMO_STAFF_PASSWORD) => hashPassword(password);
