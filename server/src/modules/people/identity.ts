// Validation and normalisation of Vietnamese identity data: citizen ID card numbers (CCCD) and phones.

/** The 63 provinces' GSO codes; a CCCD starts with "0" + the code of the province of birth registration. */
const PROVINCE_CODES = new Set([
  '01', '02', '04', '06', '08', '10', '11', '12', '14', '15', '17', '19', '20', '22', '24', '25', '26', '27',
  '30', '31', '33', '34', '35', '36', '37', '38', '40', '42', '44', '45', '46', '48', '49', '51', '52', '54',
  '56', '58', '60', '62', '64', '66', '67', '68', '70', '72', '74', '75', '77', '79', '80', '82', '83', '84',
  '86', '87', '89', '91', '92', '93', '94', '95', '96',
]);

export type Sex = 'male' | 'female' | 'other';

/**
 * Checks a 12-digit CCCD number: province prefix, and the century/sex digit and two year digits
 * against the birth year and sex when those are known. Returns a reason, or null when valid.
 */
export function nationalIdProblem(id: string, birthYear?: number, sex?: Sex | null): string | null {
  if (!/^[0-9]{12}$/.test(id)) return 'must be 12 digits';
  if (id[0] !== '0' || !PROVINCE_CODES.has(id.slice(1, 3))) return 'does not start with a valid province code';
  const centuryDigit = Number(id[3]);
  const century = 1900 + Math.floor(centuryDigit / 2) * 100;
  if (birthYear !== undefined) {
    const year = century + Number(id.slice(4, 6));
    if (year !== birthYear) return `encodes birth year ${year}, not ${birthYear}`;
  }
  if (sex === 'male' || sex === 'female') {
    const encoded = centuryDigit % 2 === 0 ? 'male' : 'female';
    if (encoded !== sex) return `encodes sex ${encoded}`;
  }
  return null;
}

/**
 * Normalises a Vietnamese phone number to +84 and national significant digits
 * ("0912 345 678", "84-912-345-678" → "+84912345678"). Returns null when it is not one.
 */
export function normalisePhone(input: string): string | null {
  const compact = input.replace(/[\s.\-()]/g, '');
  let digits: string;
  if (compact.startsWith('+84')) digits = compact.slice(3);
  else if (compact.startsWith('0084')) digits = compact.slice(4);
  else if (compact.startsWith('84') && compact.length >= 11) digits = compact.slice(2);
  else if (compact.startsWith('0')) digits = compact.slice(1);
  else return null;
  if (!/^[1-9][0-9]{8,9}$/.test(digits)) return null;
  return `+84${digits}`;
}

/** The last three digits only: enough to tell two numbers apart on a list, not to call one. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  return `${'•'.repeat(Math.max(phone.length - 3, 0))}${phone.slice(-3)}`;
}
