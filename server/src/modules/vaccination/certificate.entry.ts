// The vaccination entry (v) of an EU DCC from a person's dose history: the latest dose, numbered as
// the EU DCC guidelines say (eHealth Network, Dec 2021): dn/sd within the primary series (1/2, 2/2,
// 1/1); after it, a booster is 3/3 after a two-dose series (then 4/4 …), and 2/1 after a one-dose
// series (then 3/1 …), so a complete series and a booster are never confused by a verifier.
import { todayInVietnam } from '../open/time.js';
import type { VaccinationInput } from '../certificates/issue.js';
import type { Catalogue } from './catalogue.js';

/** vp (vaccine type), mp (product) and ma (authorisation holder or manufacturer) per catalogue product, from the EU DCC value sets. */
export const DCC_PRODUCTS: Readonly<Record<string, { vp: string; mp: string; ma: string }>> = {
  PFIZER: { vp: '1119349007', mp: 'EU/1/20/1528', ma: 'ORG-100030215' },
  MODERNA: { vp: '1119349007', mp: 'EU/1/20/1507', ma: 'ORG-100031184' },
  ASTRAZENECA: { vp: 'J07BX03', mp: 'EU/1/21/1529', ma: 'ORG-100001699' },
  JANSSEN: { vp: 'J07BX03', mp: 'EU/1/20/1525', ma: 'ORG-100001417' },
  SINOPHARM: { vp: 'J07BX03', mp: 'BBIBP-CorV', ma: 'ORG-100020693' },
  SPUTNIK_V: { vp: 'J07BX03', mp: 'Sputnik-V', ma: 'Gamaleya-Research-Institute' },
  // a protein subunit vaccine: "SARS-CoV-2 antigen vaccine"
  ABDALA: { vp: '1119305005', mp: 'Abdala', ma: 'CIGB' },
};

export interface HistoryDose {
  productCode: string;
  administeredAt: Date;
}

export type EntryOutcome = { ok: true; entry: VaccinationInput } | { ok: false; reason: string };

/** dn/sd of the n-th dose (1-based) of a series whose primary part has `primaryDoses` doses. */
export function doseNumbering(n: number, primaryDoses: number): { dn: number; sd: number } {
  if (n <= primaryDoses) return { dn: n, sd: primaryDoses };
  return primaryDoses === 1 ? { dn: n, sd: 1 } : { dn: n, sd: n };
}

/**
 * The entry for the latest dose of a history in the order given. The series' product is the first
 * dose's (as the dose rules count it); the position in the history is the dose number, since merged
 * histories may repeat recorded dose numbers.
 */
export function vaccinationEntry(catalogue: Catalogue, history: readonly HistoryDose[]): EntryOutcome {
  const first = history[0];
  const latest = history.at(-1);
  if (!first || !latest) return { ok: false, reason: 'no doses recorded for this person' };
  const series = catalogue.get(first.productCode);
  const codes = DCC_PRODUCTS[latest.productCode];
  if (!series || !codes) return { ok: false, reason: `product ${series ? latest.productCode : first.productCode} has no EU DCC product code` };
  return { ok: true, entry: { ...codes, ...doseNumbering(history.length, series.primaryDoses), dt: todayInVietnam(latest.administeredAt) } };
}
