// Every route of vaccination (issue #8), first slice: the catalogue, sites, stock (shipments,
// allocations and transfers, wastage, stock on hand, reconciliation) and dose records.
// The catalogue is written into the database when the app is ready.
import { actorOf, type AppContext } from '../../platform/context.js';
import { type App, errorResponses } from '../../platform/http.js';
import { CATALOGUE, catalogueByCode, syncCatalogue } from './catalogue.js';
import { vaccinationCertificateRoutes } from './certificate.routes.js';
import { coverageRoutes } from './coverage.routes.js';
import { ProductList } from './catalogue.schema.js';
import { doseHistory, recordDose } from './doses.js';
import { DoseHistory, DoseOutcome, HistoryQuery, PersonParams, RecordDoseBody } from './doses.schema.js';
import { exportRoutes } from './export.routes.js';
import { registrationRoutes } from './registration.routes.js';
import { reconciliation, siteUsage, stockOnHand } from './reports.js';
import { scheduleRoutes } from './schedule.routes.js';
import { createSite, listSites, moveStock, receiveShipment, recordWastage, requireVaccinationReader } from './stock.js';
import {
  CreateSiteBody, ListSitesQuery, MoveStockBody, Movement, Reconciliation, ReconciliationQuery, ReceiveShipmentBody, Shipment, Site, SiteList,
  SiteParams, SiteUsage, StockQuery, StockReport, UsageQuery, Wastage, WastageBody,
} from './stock.schema.js';
import { siteVisitRoutes } from './visits.routes.js';

export function vaccinationRoutes(app: App, ctx: AppContext) {
  const catalogue = catalogueByCode(CATALOGUE);
  app.addHook('onReady', async () => {
    await syncCatalogue(ctx.db, CATALOGUE);
  });
  const secured = { onRequest: ctx.authenticate };
  const security = [{ bearer: [] }];
  const stockTags = ['vaccination: stock'];
  const doseTags = ['vaccination: doses'];

  app.get('/api/v1/vaccination/products', {
    ...secured,
    schema: { tags: stockTags, security, summary: 'The vaccine catalogue (configuration data): series, intervals, booster rules, vials, storage', response: { 200: ProductList, ...errorResponses(401, 403) } },
  }, (request) => {
    requireVaccinationReader(actorOf(request));
    return Promise.resolve({ items: [...catalogue.values()] });
  });

  app.post('/api/v1/vaccination/sites', {
    ...secured,
    schema: { tags: stockTags, security, body: CreateSiteBody, summary: 'A vaccination site: a name in a commune, optionally a place of the map (vaccination:stock)', response: { 201: Site, ...errorResponses(400, 401, 403) } },
  }, async (request, reply) => reply.status(201).send(await createSite(ctx.db, actorOf(request), request.body)));

  app.get('/api/v1/vaccination/sites', {
    ...secured,
    schema: { tags: stockTags, security, querystring: ListSitesQuery, summary: 'Vaccination sites in scope, optionally under a unit', response: { 200: SiteList, ...errorResponses(400, 401, 403) } },
  }, async (request) => ({ items: await listSites(ctx.db, actorOf(request), request.query.unitCode) }));

  app.post('/api/v1/vaccination/shipments', {
    ...secured,
    schema: { tags: stockTags, security, body: ReceiveShipmentBody, summary: 'Receive a shipment of one lot into a store (the province by default); send an Idempotency-Key', response: { 201: Shipment, ...errorResponses(400, 401, 403) } },
  }, async (request, reply) => reply.status(201).send(await receiveShipment(ctx.db, actorOf(request), catalogue, request.body)));

  app.post('/api/v1/vaccination/movements', {
    ...secured,
    schema: {
      tags: stockTags, security, body: MoveStockBody,
      summary: 'Allocate (down the tree: province → district → site) or transfer doses of a lot; never more than the source holds (409); send an Idempotency-Key',
      response: { 201: Movement, ...errorResponses(400, 401, 403, 409) },
    },
  }, async (request, reply) => reply.status(201).send(await moveStock(ctx.db, actorOf(request), request.body)));

  app.post('/api/v1/vaccination/wastage', {
    ...secured,
    schema: { tags: stockTags, security, body: WastageBody, summary: "Doses discarded at a site (an opened vial's rest at the end of a session …); send an Idempotency-Key", response: { 201: Wastage, ...errorResponses(400, 401, 403, 409) } },
  }, async (request, reply) => reply.status(201).send(await recordWastage(ctx.db, actorOf(request), request.body)));

  app.get('/api/v1/vaccination/stock', {
    ...secured,
    schema: { tags: stockTags, security, querystring: StockQuery, summary: 'Stock on hand per holder and lot in scope, with warnings (expired, expiring, stock_out, low)', response: { 200: StockReport, ...errorResponses(400, 401, 403) } },
  }, async (request) => stockOnHand(ctx.db, actorOf(request), request.query));

  app.get('/api/v1/vaccination/sites/:siteId/usage', {
    ...secured,
    schema: {
      tags: stockTags, security, params: SiteParams, querystring: UsageQuery,
      summary: 'Doses used and wasted at a site per session day (Vietnam) and lot', response: { 200: SiteUsage, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => siteUsage(ctx.db, actorOf(request), request.params.siteId, request.query));

  app.get('/api/v1/vaccination/reconciliation', {
    ...secured,
    schema: {
      tags: stockTags, security, querystring: ReconciliationQuery,
      summary: 'Per lot: delivered vs administered + wasted + on hand, with any gap (vaccination:stock)', response: { 200: Reconciliation, ...errorResponses(400, 401, 403) },
    },
  }, async (request) => reconciliation(ctx.db, actorOf(request), request.query.productCode));

  app.post('/api/v1/vaccination/doses', {
    ...secured,
    schema: {
      tags: doseTags, security, body: RecordDoseBody,
      summary: "Record a dose given (201); the same id again is a repeat (200). The dose number comes from the person's history; refusals name the field (400, 409 stock, 422 schedule or expiry)",
      response: { 200: DoseOutcome, 201: DoseOutcome, ...errorResponses(400, 401, 403, 409, 422) },
    },
  }, async (request, reply) => {
    const outcome = await recordDose(ctx.db, actorOf(request), catalogue, request.body);
    return reply.status(outcome.repeat ? 200 : 201).send(outcome);
  });

  app.get('/api/v1/vaccination/people/:personId/doses', {
    ...secured,
    schema: {
      tags: doseTags, security, params: PersonParams, querystring: HistoryQuery,
      summary: "A person's doses in the order given (an audited read; reason optional)", response: { 200: DoseHistory, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => doseHistory(ctx.db, actorOf(request), catalogue, request.params.personId, request.query.reason));

  // later slices: registration (the health book), scheduling and booking, the visit at a site
  // (check-in, screening, observation, adverse events), coverage, the national export, certificates
  for (const register of [registrationRoutes, scheduleRoutes, siteVisitRoutes, coverageRoutes, exportRoutes, vaccinationCertificateRoutes]) register(app, ctx);
}
