// Routes of the visit at a vaccination site (issue #8): check-in, the screening checklist and a
// visit's screening, the observation after the dose, and adverse events following immunisation.
// The dose itself is POST /vaccination/doses with a visitId (routes.ts).
import { actorOf, type AppContext } from '../../platform/context.js';
import { type App, errorResponses } from '../../platform/http.js';
import { addFollowUp, getAefi, listAefi, reportAefi } from './aefi.js';
import { AefiDetail, AefiListQuery, AefiOutcome, AefiPage, AefiParams, CreateAefiBody, FollowUpBody, ReadQuery } from './aefi.schema.js';
import { CATALOGUE, catalogueByCode } from './catalogue.js';
import { endObservation, listObservations } from './observation.js';
import { EndedObservation, EndObservationBody, ObservationList, ObservationListQuery, ObservationParams, SiteObservationParams } from './observation.schema.js';
import { screenVisit } from './screening.js';
import { CHECKLIST } from './screening.rules.js';
import { ChecklistView, Screening, ScreeningBody } from './screening.schema.js';
import { requireVaccinationReader } from './stock.js';
import { checkIn, getVisit } from './visits.js';
import { siteVisits } from './visits.queue.js';
import { CheckInBody, SiteVisitList, SiteVisitsParams, SiteVisitsQuery, Visit, VisitOutcome, VisitParams, VisitQuery } from './visits.schema.js';

export function siteVisitRoutes(app: App, ctx: AppContext): void {
  const catalogue = catalogueByCode(CATALOGUE);
  const secured = { onRequest: ctx.authenticate };
  const security = [{ bearer: [] }];
  const tags = ['vaccination: at the site'];
  const aefiTags = ['vaccination: adverse events'];

  app.get('/api/v1/vaccination/screening-checklist', {
    ...secured,
    schema: { tags, security, summary: "The Ministry's pre-vaccination screening checklist in force (configuration data)", response: { 200: ChecklistView, ...errorResponses(401, 403) } },
  }, (request) => {
    requireVaccinationReader(actorOf(request));
    const { _comment: _ignored, ...checklist } = CHECKLIST;
    return Promise.resolve(checklist);
  });

  app.post('/api/v1/vaccination/visits', {
    ...secured,
    schema: {
      tags, security, body: CheckInBody,
      summary: "Check a person in at a site by personal QR code, national ID or id (201; the same id again: 200). Shows their doses, the next dose and today's booking (marked attended); an audited read",
      response: { 200: VisitOutcome, 201: VisitOutcome, ...errorResponses(400, 401, 403, 409) },
    },
  }, async (request, reply) => {
    const outcome = await checkIn(ctx.db, actorOf(request), catalogue, request.body);
    return reply.status(outcome.repeat ? 200 : 201).send(outcome);
  });

  app.get('/api/v1/vaccination/visits/:visitId', {
    ...secured,
    schema: { tags, security, params: VisitParams, querystring: VisitQuery, summary: 'A visit as the vaccinator sees it (an audited read; reason optional)', response: { 200: Visit, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => getVisit(ctx.db, actorOf(request), catalogue, request.params.visitId, request.query.reason));

  app.get('/api/v1/vaccination/sites/:siteId/visits', {
    ...secured,
    schema: {
      tags, security, params: SiteVisitsParams, querystring: SiteVisitsQuery,
      summary: "Today's visits at a site (by default those still waiting for their dose), with their screening outcome: the queue between desks; an audited read",
      response: { 200: SiteVisitList, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => siteVisits(ctx.db, actorOf(request), request.params.siteId, request.query));

  app.put('/api/v1/vaccination/visits/:visitId/screening', {
    ...secured,
    schema: {
      tags, security, params: VisitParams, body: ScreeningBody,
      summary: 'Screen the person of a visit: answers to the checklist and the outcome (vaccinate, postpone with a date, refer with a hospital). The server derives what the answers allow and refuses an inconsistent outcome (422 naming outcome or note); again before the dose replaces it',
      response: { 200: Screening, ...errorResponses(400, 401, 403, 404, 409, 422) },
    },
  }, async (request) => screenVisit(ctx.db, actorOf(request), CHECKLIST, request.params.visitId, request.body));

  app.get('/api/v1/vaccination/sites/:siteId/observations', {
    ...secured,
    schema: {
      tags, security, params: SiteObservationParams, querystring: ObservationListQuery,
      summary: 'People under observation after their dose at a site, with the minutes left (an audited read)', response: { 200: ObservationList, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => listObservations(ctx.db, actorOf(request), request.params.siteId, request.query.reason));

  app.post('/api/v1/vaccination/observations/:doseId/end', {
    ...secured,
    schema: {
      tags, security, params: ObservationParams, body: EndObservationBody,
      summary: 'End the observation after a dose: no_reaction (once the 30 minutes are over), left_early, or reaction with its AEFI report (a serious one is announced live)',
      response: { 200: EndedObservation, ...errorResponses(400, 401, 403, 404, 409, 422) },
    },
  }, async (request) => endObservation(ctx.db, actorOf(request), ctx.events, request.params.doseId, request.body));

  app.post('/api/v1/vaccination/aefi', {
    ...secured,
    schema: {
      tags: aefiTags, security, body: CreateAefiBody,
      summary: 'Report an adverse event following immunisation on a dose (201; the same id again: 200). A serious one is announced live (vaccination.aefi_serious)',
      response: { 200: AefiOutcome, 201: AefiOutcome, ...errorResponses(400, 401, 403, 409, 422) },
    },
  }, async (request, reply) => {
    const { doseId, ...details } = request.body;
    const report = await reportAefi(ctx.db, actorOf(request), ctx.events, doseId, details);
    return reply.status(report.repeat ? 200 : 201).send(report);
  });

  app.get('/api/v1/vaccination/aefi', {
    ...secured,
    schema: {
      tags: aefiTags, security, querystring: AefiListQuery,
      summary: 'AEFI reports in scope (site or home commune), by unit, severity, status and reporting day; newest first; an audited read', response: { 200: AefiPage, ...errorResponses(400, 401, 403) },
    },
  }, async (request) => listAefi(ctx.db, actorOf(request), request.query));

  app.get('/api/v1/vaccination/aefi/:aefiId', {
    ...secured,
    schema: { tags: aefiTags, security, params: AefiParams, querystring: ReadQuery, summary: 'One AEFI report with its follow-ups (an audited read)', response: { 200: AefiDetail, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => getAefi(ctx.db, actorOf(request), request.params.aefiId, request.query.reason));

  app.post('/api/v1/vaccination/aefi/:aefiId/follow-ups', {
    ...secured,
    schema: {
      tags: aefiTags, security, params: AefiParams, body: FollowUpBody,
      summary: 'How the person is doing (recovering, recovered, hospitalised, died, unknown); the report takes the latest status, and hospitalised or died makes it serious (announced live)',
      response: { 200: AefiOutcome, 201: AefiOutcome, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => {
    const report = await addFollowUp(ctx.db, actorOf(request), ctx.events, request.params.aefiId, request.body);
    return reply.status(report.repeat ? 200 : 201).send(report);
  });
}
