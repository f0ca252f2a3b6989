// SQL of vaccination certificates: the holder's birth date (what the DCC's dob needs beyond the
// dose history's person).
import type { Queryable } from '../../db/database.js';

export async function birthDateOf(db: Queryable, personId: string): Promise<{ birth_date: string | null; birth_year: number } | null> {
  const [row] = await db.query<{ birth_date: string | null; birth_year: number }>(
    `SELECT to_char(birth_date, 'YYYY-MM-DD') AS birth_date, birth_year FROM people WHERE id = $1`,
    [personId],
  );
  return row ?? null;
}
