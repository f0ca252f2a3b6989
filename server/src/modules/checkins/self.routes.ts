// Citizens' own routes: no account, the venue's code and their personal code stand for them.
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { type App, errorResponses } from '../../platform/http.js';
import { personSubject, publicLimits } from '../../platform/rateLimit.js';
import { CheckinParams, PersonCodeBody, PersonCodeResult, RegisterSelfBody, SelfCheckinBody, SelfCheckinResult } from './schema.js';
import { ownRecentCheckins, registerSelf, selfCheckin, selfCheckout } from './self.js';

export function selfCheckinRoutes(app: App, ctx: AppContext) {
  const tags = ['check-in (citizens)'];
  const OwnCheckin = SelfCheckinResult.properties.checkin;
  // a person checks in a few times a day; a registration per minute and phone is plenty
  const checkinLimits = publicLimits(app, { group: 'self-checkin', perSubject: 30, subjectOf: (request) => personSubject(request.body) });
  const registrationLimits = publicLimits(app, { group: 'personal-code', perSubject: 10, subjectOf: (request) => personSubject(request.body) });

  app.post('/api/v1/checkins/self', {
    preHandler: checkinLimits,
    config: { logSummary: true },
    schema: {
      tags, body: SelfCheckinBody,
      summary: 'Check in at the venue of a scanned code, the first time with your details, then with your personal code',
      response: { 200: SelfCheckinResult, 201: SelfCheckinResult, ...errorResponses(400, 429) },
    },
  }, async (request, reply) => {
    const { created, ...result } = await selfCheckin(ctx.db, request.body);
    return reply.status(created ? 201 : 200).send(result);
  });

  app.post('/api/v1/checkins/self/:id/checkout', {
    preHandler: checkinLimits,
    schema: { tags, params: CheckinParams, body: PersonCodeBody, summary: 'Check out of your own check-in', response: { 200: OwnCheckin, ...errorResponses(400, 404, 429) } },
  }, async (request) => selfCheckout(ctx.db, request.params.id, request.body.personCode));

  app.post('/api/v1/checkins/self/history', {
    preHandler: checkinLimits,
    schema: {
      tags, body: PersonCodeBody, summary: 'Your own check-ins of the last 14 days (sent as POST so the code stays out of URLs and logs)',
      response: { 200: Type.Object({ items: Type.Array(OwnCheckin) }), ...errorResponses(400, 429) },
    },
  }, async (request) => ownRecentCheckins(ctx.db, request.body.personCode));

  app.post('/api/v1/personal-codes', {
    preHandler: registrationLimits,
    schema: { tags, body: RegisterSelfBody, summary: 'Get your personal QR code (to show to staff, or print on a card)', response: { 200: PersonCodeResult, ...errorResponses(400) } },
  }, async (request) => registerSelf(ctx.db, request.body.person));
}
