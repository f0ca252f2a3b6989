// Small builders for test data: each call makes a new, valid, distinct record.
let sequence = 0;

/** A valid CCCD for a person born in that year with that sex (province of registration: Hậu Giang). */
export function nationalIdFor(birthYear: number, sex: 'male' | 'female', serial = ++sequence): string {
  const centuryDigit = (Math.floor((birthYear - 1900) / 100) * 2 + (sex === 'female' ? 1 : 0)).toString();
  return `093${centuryDigit}${String(birthYear % 100).padStart(2, '0')}${String(serial % 1_000_000).padStart(6, '0')}`;
}

/** A valid person to POST; the national ID matches the birth date and sex unless given. */
export function buildPerson(overrides: Record<string, unknown> = {}) {
  const n = ++sequence;
  const birthDate = (overrides.birthDate as string | undefined) ?? '1985-03-14';
  const sex = (overrides.sex as 'male' | 'female' | undefined) ?? 'male';
  return {
    fullName: `Nguyễn Văn Thử ${n}`,
    nationalId: nationalIdFor(Number(birthDate.slice(0, 4)), sex === 'female' ? 'female' : 'male', n),
    birthDate,
    sex,
    phone: `09${String(10_000_000 + n).slice(-8)}`,
    address: `Ấp ${n}`,
    communeCode: '31321',
    ...overrides,
  };
}
