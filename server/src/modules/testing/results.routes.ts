// Routes of testing: people's results, the public look-up, retests and case proposals.
import { actorOf, type AppContext } from '../../platform/context.js';
import { type App, errorResponses } from '../../platform/http.js';
import { pageOf } from '../../platform/pagination.js';
import { personSubject, publicLimits } from '../../platform/rateLimit.js';
import { certificateConfigOf } from '../certificates/config.js';
import { negativeTestCertificate } from './certificate.js';
import { lookupResults, personResults } from './lookup.js';
import { acceptProposal, dismissProposal, listProposals } from './proposals.js';
import {
  BarcodeParams, CaseProposal, CertificateBody, DismissBody, LookupBody, LookupResult, PersonParams, PersonResults, ProposalParams, ProposalQuery, ReasonQuery,
  ResampledBody, ResampledResult, Retest, RetestQuery, TestCertificate,
} from './results.schema.js';
import { confirmResampled, listRetests } from './retests.js';

export function resultRoutes(app: App, ctx: AppContext) {
  const tags = ['testing: results'];
  const secured = { onRequest: ctx.authenticate };
  const security = [{ bearer: [] }];

  app.get('/api/v1/testing/people/:personId/results', {
    ...secured,
    schema: {
      tags, security, params: PersonParams, querystring: ReasonQuery,
      summary: 'One person\'s test results, corrected ones included; the read is audited with its reason',
      response: { 200: PersonResults, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => personResults(ctx.db, actorOf(request), request.params.personId, request.query.reason));

  app.get('/api/v1/testing/retests', {
    ...secured,
    schema: {
      tags, security, querystring: RetestQuery,
      summary: 'Planned retests not yet made: origin=resample is the field team\'s re-sampling list, origin=aliquot the lab\'s; audited',
      response: { 200: pageOf(Retest), ...errorResponses(400, 401, 403) },
    },
  }, async (request) => listRetests(ctx.db, actorOf(request), request.query));

  app.post('/api/v1/testing/retests/:barcode/sampled', {
    ...secured,
    schema: {
      tags, security, params: BarcodeParams, body: ResampledBody,
      summary: 'The field team sampled the people of a planned resample tube again: it is sealed for the lab (testing:collect); again changes nothing',
      response: { 200: ResampledResult, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => confirmResampled(ctx.db, actorOf(request), request.params.barcode, request.body.sampledAt));

  app.get('/api/v1/testing/case-proposals', {
    ...secured,
    schema: {
      tags, security, querystring: ProposalQuery,
      summary: 'Confirmed cases proposed by individual positive results, in your scope, oldest first',
      response: { 200: pageOf(CaseProposal), ...errorResponses(400, 401, 403) },
    },
  }, async (request) => listProposals(ctx.db, actorOf(request), request.query));

  app.post('/api/v1/testing/case-proposals/:id/accept', {
    ...secured,
    schema: {
      tags, security, params: ProposalParams,
      summary: 'Accept: creates the confirmed case (confirmed at the result\'s time) in the same transaction; accepting again answers the same',
      response: { 200: CaseProposal, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => acceptProposal(ctx.db, actorOf(request), request.params.id));

  app.post('/api/v1/testing/case-proposals/:id/dismiss', {
    ...secured,
    schema: {
      tags, security, params: ProposalParams, body: DismissBody,
      summary: 'Dismiss with a reason: no case is created',
      response: { 200: CaseProposal, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => dismissProposal(ctx.db, actorOf(request), request.params.id, request.body.reason));

  // a person looks up their results a few times a day; more about one code or ID is someone guessing
  const lookupLimits = publicLimits(app, { group: 'test-results', perSubject: 10, subjectOf: (request) => personSubject(request.body) });
  app.post('/api/v1/open/test-results', {
    preHandler: lookupLimits,
    schema: {
      tags: ['testing (citizens)'], body: LookupBody,
      summary: 'Your test results, with your personal code or your national ID and birth year (POST, so they stay out of URLs); 404 when nothing matches',
      response: { 200: LookupResult, ...errorResponses(400, 404, 429) },
    },
  }, async (request) => lookupResults(ctx.db, request.body));

  app.post('/api/v1/open/test-results/certificate', {
    preHandler: lookupLimits,
    schema: {
      tags: ['testing (citizens)'], body: CertificateBody,
      summary: 'A signed EU DCC certificate of one of your current negative results (the QR text HC1:…), valid 72 h from sampling for RT-PCR, 48 h for rapid antigen',
      response: { 200: TestCertificate, ...errorResponses(400, 404, 409, 429) },
    },
  }, async (request) => negativeTestCertificate(ctx.db, certificateConfigOf(ctx.config), request.body));
}
