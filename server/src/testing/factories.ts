// Small builders for test data: each call makes a new, valid, distinct record.
let sequence = 0;

/** A valid CCCD for a person born in that year with that sex (province of registration: Hậu Giang). */
export function nationalIdFor(birthYear: number, sex: 'male' | 'female', serial = ++sequence): string {
  const centuryDigit = (Math.floor((birthYear - 1900) / 100) * 2 + (sex === 'female' ? 1 : 0)).toString();
  return `093${centuryDigit}${String(birthYear % 100).padStart(2, '0')}${String(serial % 1_000_000).padStart(6, '0')}`;
}

export function buildPerson(overrides: Record<string, unknown> = {}) {
  const n = ++sequence;
  return {
    fullName: `Nguyễn Văn Thử ${n}`,
    nationalId: nationalIdFor(1985, 'male', n),
    birthDate: '1985-03-14',
    sex: 'male',
    phone: `09${String(10_000_000 + n).slice(-8)}`,
    address: `Ấp ${n}`,
    communeCode: '31321',
    ...overrides,
  };
}
