// Routes of coverage (vaccination:read, scoped to the actor's unit): a unit and its children at the
// end of a day, and a unit's coverage week by week.
import { actorOf, type AppContext } from '../../platform/context.js';
import { type App, errorResponses } from '../../platform/http.js';
import { coverageReport, coverageSeries } from './coverage.js';
import { CoverageQuery, CoverageReport, CoverageSeries, SeriesQuery } from './coverage.schema.js';

export function coverageRoutes(app: App, ctx: AppContext): void {
  const secured = { onRequest: ctx.authenticate };
  const security = [{ bearer: [] }];
  const tags = ['vaccination: coverage'];

  app.get('/api/v1/vaccination/coverage', {
    ...secured,
    schema: {
      tags, security, querystring: CoverageQuery,
      summary: 'Coverage of a unit and the units under it at the end of a day: at least one dose, full primary series, booster; all ages, 18+, 50+, 65+; by product. Each share names its denominator',
      response: { 200: CoverageReport, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => coverageReport(ctx.db, actorOf(request), request.query));

  app.get('/api/v1/vaccination/coverage/series', {
    ...secured,
    schema: {
      tags, security, querystring: SeriesQuery,
      summary: 'Coverage of a unit at the end of each week up to a day (oldest first)',
      response: { 200: CoverageSeries, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => coverageSeries(ctx.db, actorOf(request), request.query));
}
