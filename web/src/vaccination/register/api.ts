// Calls of registration and booking: the public ones a citizen's phone makes (the manage token in
// POST bodies, never in URLs), and the staff ones (registrations list, sessions, invitations).
import { request, withQuery } from '../../lib/api';

export interface PriorityGroup { code: string; order: number; vi: string; en: string; minAge?: number; sex?: string; enabled: boolean }
export interface PriorityGroups { items: PriorityGroup[]; screeningQuestions: string[] }

export interface Identity {
  fullName: string; birthDate: string; sex: 'male' | 'female' | 'other'; phone: string; nationalId: string | null; communeCode: string; address?: string;
}

export interface OwnBooking {
  id: string; status: string; sessionId: string; slotId: string; sessionDate: string; startsAt: string; endsAt: string;
  site: { id: string; name: string; communeName: string }; productCode: string;
}
export interface OwnRegistration {
  id: string; status: 'waiting' | 'booked' | 'vaccinated' | 'withdrawn'; priorityGroup: string; preferredSiteId: string | null;
  preferredDates: string[]; communeCode: string; firstName: string; createdAt: string; bookings: OwnBooking[];
}
/** registration and manageToken are null when the details matched a record on file (linkSent: its link went by SMS to the phone on file). */
export interface SelfRegistrationResult { registration: OwnRegistration | null; manageToken: string | null; repeat: boolean; linkSent: boolean }

export interface Slot { id: string; start: string; end: string; startsAt: string; endsAt: string; capacity: number; booked: number; remaining: number }
export interface Session {
  id: string; sessionDate: string; status: string; productCode: string; productName: string; note: string | null;
  site: { id: string; name: string; communeCode: string; communeName: string }; capacity: number; booked: number; remaining: number; slots: Slot[];
}
export interface Booking extends OwnBooking { personId: string; registrationId: string | null; bookedAt: string; cancelledAt: string | null }
/** What the citizen's phone gets: no record ids. */
export type PublicBooking = Omit<Booking, 'personId' | 'registrationId'>;

export const getPriorityGroups = (signal?: AbortSignal) => request<PriorityGroups>('/api/v1/open/vaccination/priority-groups', { signal });

export const registerSelf = (body: { id: string; priorityGroup: string; person: Identity; preferredSiteId?: string; preferredDates?: string[]; screening?: Record<string, boolean> }) =>
  request<SelfRegistrationResult>('/api/v1/open/vaccination/registrations', { method: 'POST', body });

export const getOwnRegistration = (manageToken: string, signal?: AbortSignal) =>
  request<OwnRegistration>('/api/v1/open/vaccination/registration', { method: 'POST', body: { manageToken }, signal });

export const getOpenSessions = (communeCode: string, signal?: AbortSignal) =>
  request<{ items: Session[] }>(withQuery('/api/v1/open/vaccination/sessions', { communeCode }), { signal });

export const bookSelf = (body: { id: string; manageToken: string; slotId: string }) =>
  request<{ booking: PublicBooking; repeat: boolean }>('/api/v1/open/vaccination/bookings', { method: 'POST', body });

export const cancelSelf = (bookingId: string, manageToken: string) =>
  request<PublicBooking>(`/api/v1/open/vaccination/bookings/${bookingId}/cancel`, { method: 'POST', body: { manageToken } });

// staff

export interface StaffRegistration {
  id: string; personId: string; fullName: string; birthYear: number; age: number; sex: string | null; phone: string | null;
  communeCode: string; communeName: string; priorityGroup: string; priorityOrder: number; status: string;
  preferredSiteId: string | null; preferredDates: string[]; channel: string; createdAt: string; screening: Record<string, boolean>;
}
export interface RegistrationFilters { unitCode?: string; priorityGroup?: string; minAge?: string; maxAge?: string; status?: string; reason?: string }

const filterQuery = (filters: RegistrationFilters) => ({
  unitCode: filters.unitCode, priorityGroup: filters.priorityGroup, minAge: filters.minAge, maxAge: filters.maxAge, status: filters.status, reason: filters.reason,
});

export const listRegistrations = (filters: RegistrationFilters, limit: number, offset: number, signal?: AbortSignal) =>
  request<{ items: StaffRegistration[]; total: number; limit: number; offset: number }>(withQuery('/api/v1/vaccination/registrations', { ...filterQuery(filters), limit, offset }), { signal });

export const registrationsCsvUrl = (filters: RegistrationFilters) => withQuery('/api/v1/vaccination/registrations.csv', filterQuery(filters));

export interface Site { id: string; name: string; communeCode: string; active: boolean }
export const listSites = (signal?: AbortSignal) => request<{ items: Site[] }>('/api/v1/vaccination/sites', { signal });
export interface Product { code: string; name: string }
export const listProducts = (signal?: AbortSignal) => request<{ items: Product[] }>('/api/v1/vaccination/products', { signal });

export const listSessions = (query: { siteId?: string; from?: string; to?: string }, signal?: AbortSignal) =>
  request<{ items: Session[] }>(withQuery('/api/v1/vaccination/sessions', query), { signal });

export interface SlotDraft { start: string; end: string; capacity: number }
export const createSession = (body: { siteId: string; sessionDate: string; productCode: string; slots: SlotDraft[]; note?: string }) =>
  request<Session>('/api/v1/vaccination/sessions', { method: 'POST', body });

export interface SessionBookings {
  session: Session;
  slots: { slotId: string; start: string; end: string; bookings: { id: string; status: string; personId: string; fullName: string; birthYear: number; phone: string | null; priorityGroup: string | null; bookedAt: string; channel: string }[] }[];
}
export const getSessionBookings = (sessionId: string, reason: string, signal?: AbortSignal) =>
  request<SessionBookings>(withQuery(`/api/v1/vaccination/sessions/${sessionId}/bookings`, { reason }), { signal });

export const cancelBooking = (bookingId: string) => request<Booking>(`/api/v1/vaccination/bookings/${bookingId}/cancel`, { method: 'POST' });

export interface InviteResult { sessionId: string; invited: number; withoutPhone: number; remaining: number; invitedGroups: Record<string, number> }
export const inviteToSession = (sessionId: string, count?: number) =>
  request<InviteResult>(`/api/v1/vaccination/sessions/${sessionId}/invitations`, { method: 'POST', body: count ? { count } : {} });

export interface RemindResult { sessionDate: string; bookings: number; enqueued: number; alreadyReminded: number; withoutPhone: number }
export const sendReminders = (body: { sessionId?: string; sessionDate?: string }) => request<RemindResult>('/api/v1/vaccination/reminders', { method: 'POST', body });

export const withdrawSelf = (manageToken: string) =>
  request<OwnRegistration>('/api/v1/open/vaccination/registration/withdraw', { method: 'POST', body: { manageToken } });

export const withdrawRegistration = (registrationId: string, reason: string) =>
  request<StaffRegistration>(`/api/v1/vaccination/registrations/${registrationId}/withdraw`, { method: 'POST', body: { reason } });

export interface SessionStatusResult { session: Session; repeat: boolean; cancelledBookings: number; notified: number; withoutPhone: number }
export const closeSession = (sessionId: string) => request<SessionStatusResult>(`/api/v1/vaccination/sessions/${sessionId}/close`, { method: 'POST' });
export const cancelSession = (sessionId: string, reason: string) =>
  request<SessionStatusResult>(`/api/v1/vaccination/sessions/${sessionId}/cancel`, { method: 'POST', body: { reason } });
