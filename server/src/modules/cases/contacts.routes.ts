// Routes of contacts: thin (schema → authenticate → service). Contract: docs/API-TRACING.md, "Contacts".
import { actorOf, type AppContext } from '../../platform/context.js';
import { type App, errorResponses } from '../../platform/http.js';
import { pageOf } from '../../platform/pagination.js';
import { actOnContacts } from './contacts.actions.js';
import { endFollowUp, recordCheck } from './contacts.followup.js';
import {
  AddContactBody, CheckBody, Contact, ContactActionsBody, ContactActionsResult, ContactCheck, ContactDetail, ContactParams,
  EndFollowUpBody, ListContactsQuery, ProposeBody, ProposeResult, ReadContactQuery,
} from './contacts.schema.js';
import * as contacts from './contacts.js';
import { CaseParams } from './schema.js';

export function contactRoutes(app: App, ctx: AppContext) {
  const tags = ['contacts'];
  const secured = { onRequest: ctx.authenticate };
  const security = [{ bearer: [] }];

  app.post('/api/v1/cases/:id/contacts/propose', {
    ...secured,
    schema: {
      tags, security, params: CaseParams, body: ProposeBody,
      summary: 'Store the case\'s tracing results and household members as F1 candidates; repeatable (only new people are added, rejected ones stay rejected); audited with the reason',
      response: { 200: ProposeResult, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => contacts.proposeContacts(ctx.db, actorOf(request), request.params.id, request.body));

  app.post('/api/v1/cases/:id/contacts', {
    ...secured,
    schema: {
      tags, security, params: CaseParams, body: AddContactBody, summary: 'Add a contact named by the case or from an imported list',
      response: { 201: Contact, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => reply.status(201).send(await contacts.addContact(ctx.db, actorOf(request), request.params.id, request.body)));

  app.get('/api/v1/cases/:id/contacts', {
    ...secured,
    schema: {
      tags, security, params: CaseParams, querystring: ListContactsQuery,
      summary: 'The case\'s contacts (phones masked), F1 first, latest exposure first; audited with the reason',
      response: { 200: pageOf(Contact), ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => contacts.listContacts(ctx.db, actorOf(request), request.params.id, request.query));

  app.post('/api/v1/cases/:id/contacts/actions', {
    ...secured,
    schema: {
      tags, security, params: CaseParams, body: ContactActionsBody,
      summary: 'Act on several contacts at once (confirm, reject, order_test, order_quarantine, notify): all or nothing, one result per contact',
      response: { 200: ContactActionsResult, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => actOnContacts(ctx.db, actorOf(request), request.params.id, request.body));

  app.get('/api/v1/contacts/:id', {
    ...secured,
    schema: {
      tags, security, params: ContactParams, querystring: ReadContactQuery,
      summary: 'One contact with its exposures, daily checks and orders; the read is audited with its reason',
      response: { 200: ContactDetail, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => contacts.getContact(ctx.db, actorOf(request), request.params.id, request.query.reason));

  app.post('/api/v1/contacts/:id/checks', {
    ...secured,
    schema: {
      tags, security, params: ContactParams, body: CheckBody, summary: 'Record the day\'s check of a confirmed contact (one a day: again replaces it)',
      response: { 200: ContactCheck, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => recordCheck(ctx.db, actorOf(request), request.params.id, request.body));

  app.post('/api/v1/contacts/:id/end-follow-up', {
    ...secured,
    schema: {
      tags, security, params: ContactParams, body: EndFollowUpBody, summary: 'End follow-up: completed, became_case (with the case), or lost',
      response: { 200: ContactDetail, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => endFollowUp(ctx.db, actorOf(request), request.params.id, request.body));

  app.post('/api/v1/contacts/:id/trace', {
    ...secured,
    schema: {
      tags, security, params: ContactParams, body: ProposeBody,
      summary: 'F2 on request: trace a confirmed F1 contact\'s own visits and household, stored as F2 candidates of the same case',
      response: { 200: ProposeResult, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => contacts.traceFromContact(ctx.db, actorOf(request), request.params.id, request.body));
}
