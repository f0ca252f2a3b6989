// Routes of scheduling: sessions and their time slots, bookings (citizens with their manage token,
// staff for a person), invitations by priority and reminders the day before, all by SMS through the
// outbox.
import { Type } from 'typebox';
import { actorOf, type AppContext } from '../../platform/context.js';
import { type App, errorResponses } from '../../platform/http.js';
import { publicLimits } from '../../platform/rateLimit.js';
import { ManageTokenBody } from './registration.schema.js';
import { bookByStaff, bookSelf, cancelByStaff, cancelSelf } from './booking.js';
import { createSession, listSessions, openSessions, sessionBookings } from './schedule.js';
import { inviteToSession, sendReminders } from './schedule.notify.js';
import { cancelSession, closeSession } from './schedule.status.js';
import {
  Booking, BookingOutcome, BookingParams, CancelSessionBody, CreateSessionBody, InviteBody, InviteResult,
  ListSessionsQuery, OpenSessionsQuery, PublicBooking, PublicBookingOutcome, ReasonQuery, RemindBody, RemindResult,
  SelfBookingBody, Session, SessionBookings, SessionList, SessionParams, SessionStatusResult, StaffBookingBody,
} from './schedule.schema.js';

/** A POST sent without any body (a button) means the defaults; the schema checks a body that is there. */
const noBodyIsEmpty = <T extends object>(body: T | null | undefined): T => body ?? ({} as T);

export function scheduleRoutes(app: App, ctx: AppContext): void {
  const publicTags = ['vaccination: booking (citizens)'];
  const tags = ['vaccination: scheduling'];
  const secured = { onRequest: ctx.authenticate };
  const security = [{ bearer: [] }];
  const tokenOf = (request: { body?: unknown }) => (request.body as { manageToken?: string } | undefined)?.manageToken;
  const bookingLimits = publicLimits(app, { group: 'vaccination-booking', perSubject: 20, subjectOf: tokenOf });
  const sessionLimits = publicLimits(app, { group: 'vaccination-sessions', perSubject: 600, subjectOf: () => undefined });

  app.get('/api/v1/open/vaccination/sessions', {
    preHandler: sessionLimits,
    schema: {
      tags: publicTags, querystring: OpenSessionsQuery,
      summary: 'Open sessions from today on, near a commune (its district) or at a site, with the places left per slot; no personal data',
      response: { 200: SessionList, ...errorResponses(400, 429) },
    },
  }, async (request) => openSessions(ctx.db, request.query));

  app.post('/api/v1/open/vaccination/bookings', {
    preHandler: bookingLimits,
    schema: {
      tags: publicTags, body: SelfBookingBody,
      summary: 'Book a slot with your manage token (201); the same id again answers it (200); a full slot or a second booking in the session is 409 naming slotId',
      response: { 200: PublicBookingOutcome, 201: PublicBookingOutcome, ...errorResponses(400, 409, 429) },
    },
  }, async (request, reply) => {
    const outcome = await bookSelf(ctx.db, request.body);
    return reply.status(outcome.repeat ? 200 : 201).send(outcome);
  });

  app.post('/api/v1/open/vaccination/bookings/:id/cancel', {
    preHandler: bookingLimits,
    schema: { tags: publicTags, params: BookingParams, body: ManageTokenBody, summary: 'Cancel your booking: the place is free again (cancelling twice answers the same)', response: { 200: PublicBooking, ...errorResponses(400, 404, 409, 429) } },
  }, async (request) => cancelSelf(ctx.db, request.params.id, request.body.manageToken));

  app.post('/api/v1/vaccination/sessions', {
    ...secured,
    schema: { tags, security, body: CreateSessionBody, summary: 'A session at a site in your area: a date, a product and time slots with a capacity each (vaccination:schedule)', response: { 201: Session, ...errorResponses(400, 401, 403) } },
  }, async (request, reply) => reply.status(201).send(await createSession(ctx.db, actorOf(request), request.body)));

  app.get('/api/v1/vaccination/sessions', {
    ...secured,
    schema: { tags, security, querystring: ListSessionsQuery, summary: 'Sessions in your area (from today for 30 days by default) with places booked and left per slot', response: { 200: SessionList, ...errorResponses(400, 401, 403) } },
  }, async (request) => listSessions(ctx.db, actorOf(request), request.query));

  app.get('/api/v1/vaccination/sessions/:id/bookings', {
    ...secured,
    schema: { tags, security, params: SessionParams, querystring: ReasonQuery, summary: 'Who booked each slot of a session (an audited read)', response: { 200: SessionBookings, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => sessionBookings(ctx.db, actorOf(request), request.params.id, request.query.reason));

  app.post('/api/v1/vaccination/sessions/:id/close', {
    ...secured,
    schema: {
      tags, security, params: SessionParams,
      summary: 'Close a session in your area: no more bookings, the booked ones are kept (closing again answers the same); a cancelled session is 409 naming id',
      response: { 200: SessionStatusResult, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => closeSession(ctx.db, actorOf(request), request.params.id));

  app.post('/api/v1/vaccination/sessions/:id/cancel', {
    ...secured,
    schema: {
      tags, security, params: SessionParams, body: CancelSessionBody,
      summary: 'Cancel a session in your area with a reason: every booked place is cancelled, those people wait again and get one SMS each; attended bookings are kept; again answers the same',
      response: { 200: SessionStatusResult, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => cancelSession(ctx.db, actorOf(request), request.params.id, request.body.reason));

  app.post('/api/v1/vaccination/sessions/:id/invitations', {
    ...secured,
    schema: {
      tags, security, params: SessionParams, body: Type.Union([InviteBody, Type.Null()]),
      summary: "Invite by SMS the highest-priority waiting registrations of the session's area (default: as many as places left); each once per session",
      response: { 200: InviteResult, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => inviteToSession(ctx.db, actorOf(request), ctx.config.publicUrl, request.params.id, noBodyIsEmpty(request.body)));

  app.post('/api/v1/vaccination/reminders', {
    ...secured,
    schema: {
      tags, security, body: Type.Union([RemindBody, Type.Null()]),
      summary: 'Remind by SMS everyone booked for the sessions of a day (tomorrow by default) or one session; once per booking',
      response: { 200: RemindResult, ...errorResponses(400, 401, 403) },
    },
  }, async (request) => sendReminders(ctx.db, actorOf(request), noBodyIsEmpty(request.body)));

  app.post('/api/v1/vaccination/bookings', {
    ...secured,
    schema: {
      tags, security, body: StaffBookingBody,
      summary: 'Book a slot for a person (registrationId or personId); the same id again is a repeat (200); full: 409 naming slotId',
      response: { 200: BookingOutcome, 201: BookingOutcome, ...errorResponses(400, 401, 403, 409) },
    },
  }, async (request, reply) => {
    const outcome = await bookByStaff(ctx.db, actorOf(request), request.body);
    return reply.status(outcome.repeat ? 200 : 201).send(outcome);
  });

  app.post('/api/v1/vaccination/bookings/:id/cancel', {
    ...secured,
    schema: { tags, security, params: BookingParams, summary: 'Cancel a booking at a site in your area; the place is free again', response: { 200: Booking, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => cancelByStaff(ctx.db, actorOf(request), request.params.id));
}
