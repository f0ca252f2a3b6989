// The citizens' look-up of their own test results: no account; their personal code, or their national
// ID with their birth year. POST, so neither ends up in a URL or a log. Public code: no staff import.
import { request } from '../lib/api';
import type { PersonOutcome } from './labApi';
import type { TestType } from './api';

export interface PublicResult {
  /** the result: a current negative one has a certificate */
  id: string;
  testType: TestType;
  outcome: PersonOutcome;
  sampledAt: string;
  resultedAt: string;
}

export interface LookupResult {
  /** "N.V.A.": enough to see it is the right person, nothing more */
  initials: string;
  items: PublicResult[];
}

export type LookupBody = { personCode: string } | { nationalId: string; birthYear: number };

export const lookupResults = (body: LookupBody) => request<LookupResult>('/api/v1/open/test-results', { method: 'POST', body });

export interface TestCertificate {
  /** the EU DCC text the QR code holds */
  hc1: string;
  uvci: string;
  issuedAt: string;
  expiresAt: string;
}

/** A signed certificate of one current negative result, asked for with the same details as the look-up. */
export const getCertificate = (body: LookupBody, resultId: string) =>
  request<TestCertificate>('/api/v1/open/test-results/certificate', { method: 'POST', body: { ...body, resultId } });
