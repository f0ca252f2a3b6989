// Routes of registration (the electronic health book): citizens register on their phone (public,
// rate-limited; the manage token they get back stands for the registration), staff register people
// and read the list of those registered but not yet vaccinated (audited), also as CSV.
import { actorOf, type AppContext } from '../../platform/context.js';
import { type App, errorResponses } from '../../platform/http.js';
import { personSubject, publicLimits } from '../../platform/rateLimit.js';
import { PRIORITY_GROUPS } from './registration.groups.js';
import { ownRegistration, registerByStaff, registerSelf } from './registration.js';
import { waitingCsv, waitingList } from './registration.list.js';
import { withdrawByStaff, withdrawSelf } from './registration.withdraw.js';
import {
  ManageTokenBody, OwnRegistration, PriorityGroupList, RegistrationParams, SCREENING_QUESTIONS, SelfRegistrationBody, SelfRegistrationResult, StaffRegistration,
  StaffRegistrationBody, StaffRegistrationResult, StaffWithdrawBody, WaitingPage, WaitingQuery,
} from './registration.schema.js';

export function registrationRoutes(app: App, ctx: AppContext): void {
  const publicTags = ['vaccination: registration (citizens)'];
  const tags = ['vaccination: registration'];
  const secured = { onRequest: ctx.authenticate };
  const security = [{ bearer: [] }];
  // one person registers once; a few retries and corrections a minute are plenty
  const registerLimits = publicLimits(app, { group: 'vaccination-register', perSubject: 10, subjectOf: (request) => personSubject(request.body) });
  const tokenLimits = publicLimits(app, { group: 'vaccination-manage', perSubject: 30, subjectOf: (request) => (request.body as { manageToken?: string } | undefined)?.manageToken });
  const groups = {
    items: PRIORITY_GROUPS.map((g) => ({ code: g.code, order: g.order, vi: g.vi, en: g.en, ...(g.minAge !== undefined ? { minAge: g.minAge } : {}), ...(g.sex ? { sex: g.sex } : {}), enabled: g.enabled !== false })),
    screeningQuestions: [...SCREENING_QUESTIONS],
  };

  app.get('/api/v1/open/vaccination/priority-groups', {
    schema: { tags: publicTags, summary: "The Ministry's priority groups in invitation order (configuration data), and the screening questions", response: { 200: PriorityGroupList } },
  }, () => Promise.resolve(groups));

  app.post('/api/v1/open/vaccination/registrations', {
    preHandler: registerLimits,
    schema: {
      tags: publicTags, body: SelfRegistrationBody,
      summary: 'Register yourself for vaccination (201); the same id again, or an open registration of the same person, answers it (200) with its manage token',
      response: { 200: SelfRegistrationResult, 201: SelfRegistrationResult, ...errorResponses(400, 409, 429) },
    },
  }, async (request, reply) => {
    const { created, ...result } = await registerSelf(ctx.db, ctx.config.publicUrl, request.body);
    return reply.status(created ? 201 : 200).send(result);
  });

  app.post('/api/v1/open/vaccination/registration', {
    preHandler: tokenLimits,
    schema: {
      tags: publicTags, body: ManageTokenBody,
      summary: 'Your registration and its bookings (POST, so the token stays out of URLs and logs)', response: { 200: OwnRegistration, ...errorResponses(400, 429) },
    },
  }, async (request) => ownRegistration(ctx.db, request.body.manageToken));

  app.post('/api/v1/open/vaccination/registration/withdraw', {
    preHandler: tokenLimits,
    schema: {
      tags: publicTags, body: ManageTokenBody,
      summary: 'Withdraw your registration: its booked places are cancelled; withdrawing again answers the same; a vaccinated registration is 409 naming manageToken',
      response: { 200: OwnRegistration, ...errorResponses(400, 409, 429) },
    },
  }, async (request) => withdrawSelf(ctx.db, request.body.manageToken));

  app.post('/api/v1/vaccination/registrations/:id/withdraw', {
    ...secured,
    schema: {
      tags, security, params: RegistrationParams, body: StaffWithdrawBody,
      summary: 'Withdraw a registration in your area with a reason (vaccination:schedule): its booked places are cancelled; again answers the same; vaccinated is 409 naming id',
      response: { 200: StaffRegistration, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => withdrawByStaff(ctx.db, actorOf(request), request.params.id, request.body.reason));

  app.post('/api/v1/vaccination/registrations', {
    ...secured,
    schema: {
      tags, security, body: StaffRegistrationBody,
      summary: 'Register a person (typed identity, or personId) for vaccination (vaccination:schedule or vaccination:record); the same id again is a repeat (200)',
      response: { 200: StaffRegistrationResult, 201: StaffRegistrationResult, ...errorResponses(400, 401, 403, 409) },
    },
  }, async (request, reply) => {
    const { created, ...result } = await registerByStaff(ctx.db, actorOf(request), request.body);
    return reply.status(created ? 201 : 200).send(result);
  });

  app.get('/api/v1/vaccination/registrations', {
    ...secured,
    schema: {
      tags, security, querystring: WaitingQuery,
      summary: 'Registered but not yet vaccinated in your area (waiting and booked; filter by status), by priority then registration time; an audited read',
      response: { 200: WaitingPage, ...errorResponses(400, 401, 403) },
    },
  }, async (request) => waitingList(ctx.db, actorOf(request), request.query));

  app.get('/api/v1/vaccination/registrations.csv', {
    ...secured,
    schema: { tags, security, querystring: WaitingQuery, summary: 'The same list as CSV (formula-safe cells; limit/offset ignored); an audited export', response: errorResponses(400, 401, 403) },
  }, async (request, reply) => {
    const csv = await waitingCsv(ctx.db, actorOf(request), request.query);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="vaccination-registrations-${new Date().toISOString().slice(0, 10)}.csv"`).send(csv);
  });
}
