import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.js';
import type { App } from '../../platform/http.js';

export function healthRoutes(app: App, ctx: AppContext) {
  app.get('/api/health', {
    schema: {
      tags: ['platform'],
      summary: 'Liveness and which database serves this node',
      response: {
        200: Type.Object({ status: Type.Literal('ok'), database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]), version: Type.String(), demo: Type.Boolean() }),
        503: Type.Object({ status: Type.Literal('unavailable'), database: Type.String(), version: Type.String() }),
      },
    },
  }, async (_request, reply) => {
    try {
      const [row] = await ctx.db.query<{ demo: boolean }>(`SELECT EXISTS (SELECT 1 FROM settings WHERE key = 'demo' AND value = '1') AS demo`);
      return { status: 'ok' as const, database: ctx.db.kind, version: ctx.version, demo: row?.demo ?? false };
    } catch {
      return reply.status(503).send({ status: 'unavailable' as const, database: ctx.db.kind, version: ctx.version });
    }
  });
}
