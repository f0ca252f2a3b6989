import { Type } from 'typebox';
import { actorOf, type AppContext } from '../../platform/context.js';
import { eventBusOf } from '../../platform/events.js';
import { type App, errorResponses } from '../../platform/http.js';
import { pageOf } from '../../platform/pagination.js';
import * as assessments from './assessments.js';
import {
  AdjustBody, Assessment, AssessmentParams, AssessmentSummary, AssessmentUnitParams, CreateDraftBody, CurrentLevels, CurrentQuery,
  History, HistoryParams, HistoryQuery, InputsOfWeek, ListAssessmentsQuery, PublishBody, Result, RuleSet, RuleSetParams, RuleSetView,
  SaveInputBody, SaveInputsBody, StoredInput, WeekParams, WeekUnitParams,
} from './schema.js';
import * as service from './service.js';

export function levelRoutes(app: App, ctx: AppContext) {
  const tags = ['levels'];
  const secured = { onRequest: ctx.authenticate };
  const security = [{ bearer: [] }];
  const events = eventBusOf(ctx);

  // Public: the rules, the levels in force (map colours) and each unit's history.
  app.get('/api/v1/levels/rule-sets', {
    schema: { tags, summary: 'Rule sets: the built-in ones and those adjusted by the province', response: { 200: Type.Object({ items: Type.Array(RuleSetView) }) } },
  }, async () => ({ items: await service.listRuleSets(ctx.db) }));

  app.get('/api/v1/levels/rule-sets/:id', {
    schema: { tags, summary: 'One rule set', params: RuleSetParams, response: { 200: RuleSetView, ...errorResponses(400, 404) } },
  }, async (request) => service.getRuleSet(ctx.db, request.params.id));

  app.get('/api/v1/levels/current', {
    schema: { tags, summary: 'The published level of each unit in force on a date (today in Vietnam when left out)', querystring: CurrentQuery, response: { 200: CurrentLevels, ...errorResponses(400) } },
  }, async (request) => service.currentLevels(ctx.db, request.query.date));

  app.get('/api/v1/levels/units/:code/history', {
    schema: { tags, summary: 'Published levels of one unit, newest first', params: HistoryParams, querystring: HistoryQuery, response: { 200: History, ...errorResponses(400, 404) } },
  }, async (request) => service.unitHistory(ctx.db, request.params.code, request.query));

  // Staff: adjusted rule sets, weekly figures, drafts, adjustments and publication.
  app.post('/api/v1/levels/rule-sets', {
    ...secured,
    schema: { tags, security, summary: 'Create an adjusted rule set with its effective date (never changed afterwards)', body: RuleSet, response: { 201: RuleSetView, ...errorResponses(400, 401, 403, 409) } },
  }, async (request, reply) => reply.status(201).send(await service.createRuleSet(ctx.db, actorOf(request), request.body)));

  app.get('/api/v1/levels/inputs/:week', {
    ...secured,
    schema: { tags, security, summary: 'The figures entered for a week, for units in your scope', params: WeekParams, response: { 200: InputsOfWeek, ...errorResponses(400, 401, 403) } },
  }, async (request) => service.listInputs(ctx.db, actorOf(request), request.params.week));

  app.put('/api/v1/levels/inputs/:week', {
    ...secured,
    schema: {
      tags, security,
      summary: 'Enter or import a week\'s figures for many units (the format of `vigil levels assess --input`); fields left out keep their value',
      params: WeekParams, body: SaveInputsBody, response: { 200: InputsOfWeek, ...errorResponses(400, 401, 403) },
    },
  }, async (request) => service.saveInputs(ctx.db, actorOf(request), request.params.week, request.body));

  app.put('/api/v1/levels/inputs/:week/:code', {
    ...secured,
    schema: { tags, security, summary: 'Enter one unit\'s figures for a week', params: WeekUnitParams, body: SaveInputBody, response: { 200: StoredInput, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => service.saveInput(ctx.db, actorOf(request), request.params.week, request.params.code, request.body));

  app.post('/api/v1/levels/assessments', {
    ...secured,
    schema: {
      tags, security,
      summary: 'Compute the draft of a week for a province or district from the stored figures (again: recomputed, adjustments kept)',
      body: CreateDraftBody, response: { 201: Assessment, ...errorResponses(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => reply.status(201).send(await assessments.createDraft(ctx.db, actorOf(request), request.body)));

  app.get('/api/v1/levels/assessments', {
    ...secured,
    schema: { tags, security, summary: 'Drafts and published assessments touching your scope', querystring: ListAssessmentsQuery, response: { 200: pageOf(AssessmentSummary), ...errorResponses(400, 401, 403) } },
  }, async (request) => assessments.listAssessments(ctx.db, actorOf(request), request.query));

  app.get('/api/v1/levels/assessments/:id', {
    ...secured,
    schema: { tags, security, summary: 'An assessment with each unit\'s level and reasons (units in your scope)', params: AssessmentParams, response: { 200: Assessment, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => assessments.getAssessment(ctx.db, actorOf(request), request.params.id));

  app.patch('/api/v1/levels/assessments/:id/units/:code', {
    ...secured,
    schema: {
      tags, security, summary: 'Set a unit\'s level in a draft, with the written reason (audited); the computed level sets it back',
      params: AssessmentUnitParams, body: AdjustBody, response: { 200: Result, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => assessments.adjustUnit(ctx.db, actorOf(request), request.params.id, request.params.code, request.body));

  app.post('/api/v1/levels/assessments/:id/publish', {
    ...secured,
    schema: {
      tags, security, summary: 'Publish a draft with the date its levels take effect (audited; raises the live event levels.published)',
      params: AssessmentParams, body: PublishBody, response: { 200: Assessment, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => assessments.publishAssessment(ctx.db, actorOf(request), request.params.id, request.body, events));
}
