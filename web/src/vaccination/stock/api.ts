// The server's vaccination stock, dose-history and certificate routes (docs/API-VACCINATION.md).
// Staff calls carry the bearer token; the citizen's certificate is asked for with a POST, so the
// national ID stays out of URLs.
import { request, withQuery } from '../../lib/api';

export type StockWarning = 'expired' | 'expiring' | 'stock_out' | 'low';
export interface Lot { id: string; productCode: string; lotNumber: string; expiresOn: string }
export interface StockLine { holder: { unitCode: string | null; siteId: string | null; name: string }; lot: Lot; onHand: number; warnings: StockWarning[] }
export interface StockReport { asOf: string; items: StockLine[] }
export interface Site { id: string; name: string; communeCode: string; placeId: string | null; active: boolean }
export interface Product { code: string; name: string; primaryDoses: number; dosesPerVial: number }
export interface Holder { unitCode?: string; siteId?: string }
export interface ReconciliationLine { lot: Lot; delivered: number; administered: number; wasted: number; onHand: number; gap: number; overAdministered: boolean }
export interface Reconciliation { items: ReconciliationLine[]; balanced: boolean }
export const WASTAGE_REASONS = ['opened_vial', 'broken', 'cold_chain', 'expired', 'other'] as const;
export type WastageReason = (typeof WASTAGE_REASONS)[number];

export interface StockFilter { unitCode?: string; productCode?: string }
export const getStock = (filter: StockFilter, signal?: AbortSignal) => request<StockReport>('/api/v1/vaccination/stock', { query: { ...filter }, signal });
export const getSites = (signal?: AbortSignal) => request<{ items: Site[] }>('/api/v1/vaccination/sites', { signal });
export const getProducts = (signal?: AbortSignal) => request<{ items: Product[] }>('/api/v1/vaccination/products', { signal });
export const getReconciliation = (productCode?: string) => request<Reconciliation>('/api/v1/vaccination/reconciliation', { query: { productCode } });

export interface ShipmentBody { productCode: string; lotNumber: string; expiresOn: string; doses: number; unitCode?: string; reference?: string }
export const receiveShipment = (body: ShipmentBody) => request<{ id: string; lot: Lot; doses: number }>('/api/v1/vaccination/shipments', { method: 'POST', body });
export interface MoveBody { lotId: string; from: Holder; to: Holder; doses: number; note?: string }
export const moveStock = (body: MoveBody) => request<{ id: string; kind: 'allocation' | 'transfer'; fromOnHand: number }>('/api/v1/vaccination/movements', { method: 'POST', body });
export interface WastageBody { siteId: string; lotId: string; doses: number; reason: WastageReason; sessionDate: string; note?: string }
export const recordWastage = (body: WastageBody) => request<{ id: string; onHand: number }>('/api/v1/vaccination/wastage', { method: 'POST', body });

export interface Dose {
  id: string; productCode: string; lotNumber: string; siteName: string; doseNumber: number; kind: 'primary' | 'booster'; administeredAt: string;
}
export interface DoseHistory { person: { id: string; fullName: string; birthYear: number }; doses: Dose[]; primarySeriesComplete: boolean }
export const getDoseHistory = (personId: string, reason: string) =>
  request<DoseHistory>(`/api/v1/vaccination/people/${encodeURIComponent(personId)}/doses`, { query: { reason } });

export interface VaccinationCertificate {
  /** the EU DCC text the QR code holds */
  hc1: string;
  uvci: string;
  kid: string;
  issuedAt: string;
  expiresAt: string;
  holder: { fullName: string; dob: string };
  entry: { dn: number; sd: number; vp: string; mp: string; ma: string; dt: string; productCode: string };
  doses: { doseNumber: number; productCode: string; kind: 'primary' | 'booster'; administeredAt: string }[];
}
export const issueCertificate = (personId: string, reason: string) =>
  request<VaccinationCertificate>(`/api/v1/vaccination/people/${encodeURIComponent(personId)}/certificate`, { method: 'POST', body: { reason } });
export const certificatePdfPath = (personId: string, reason: string) =>
  withQuery(`/api/v1/vaccination/people/${encodeURIComponent(personId)}/certificate.pdf`, { reason });

/** The citizen's proof: the personal code, or the national ID with the full birth date and the phone on file. */
export type ProofBody = { personCode: string } | { nationalId: string; birthDate: string; phone: string };
export const ownCertificate = (body: ProofBody) => request<VaccinationCertificate>('/api/v1/open/vaccination/certificate', { method: 'POST', body });
export const OWN_CERTIFICATE_PDF = '/api/v1/open/vaccination/certificate.pdf';
