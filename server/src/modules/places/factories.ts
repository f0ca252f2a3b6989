// Test builders of the map modules: each call makes a new, valid, distinct record.
let sequence = 0;

/** A valid place to POST, in Phường III (31321, Vị Thanh) near the city centre, unless overridden. */
export function buildPlace(overrides: Record<string, unknown> = {}) {
  const n = ++sequence;
  return {
    kind: 'testing_site',
    name: `Điểm xét nghiệm số ${n}`,
    address: `${n} Trần Hưng Đạo`,
    communeCode: '31321',
    lat: 9.78 + n * 0.0001,
    lon: 105.47,
    openingHours: '7:00–11:00, 13:30–17:00',
    phone: '0293 3876 543',
    capacity: 200,
    ...overrides,
  };
}

export const square = (lon: number, lat: number, size = 0.01) => ({
  type: 'Polygon',
  coordinates: [[[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]],
});

/** A valid zone to POST: a small square around Vị Thanh's centre, active from 2021-08-01. */
export function buildZone(overrides: Record<string, unknown> = {}) {
  const n = ++sequence;
  return {
    kind: 'lockdown',
    name: `Khu phong tỏa ${n}`,
    unitCode: '31321',
    geometry: square(105.465, 9.775),
    startsOn: '2021-08-01',
    endsOn: null,
    decision: { number: `${n}/QĐ-UBND`, date: '2021-07-31', issuedBy: 'UBND thành phố Vị Thanh' },
    ...overrides,
  };
}

/** Publishes epidemic levels directly in the levels tables (what the levels module's publication writes). */
export async function publishLevels(db: { query: (sql: string, params?: unknown[]) => Promise<unknown[]> }, effectiveFrom: string, levels: Record<string, number>) {
  const [assessment] = (await db.query(
    `INSERT INTO level_assessments (week, root_code, rule_set_id, rule_set, status, effective_from, published_at)
     VALUES ('2021-W40', '93', 'test', '{}', 'published', $1, now()) RETURNING id`,
    [effectiveFrom],
  )) as { id: string }[];
  for (const [code, level] of Object.entries(levels)) {
    await db.query(
      `INSERT INTO level_results (assessment_id, unit_code, computed_level, level, band, cases_per_100k, basis, reasons)
       VALUES ($1, $2, $3, $3, $3, 0, '{}', '[]')`,
      [assessment!.id, code, level],
    );
  }
}
