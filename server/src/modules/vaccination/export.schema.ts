// Request and response shapes of the national export.
import { type Static, Type } from 'typebox';
import { Nullable, Uuid } from '../../platform/schemas.js';

const UnitCode = Type.String({ pattern: '^[0-9]{2,5}$' });

export const CreateExportBody = Type.Object({
  unitCode: Type.Optional(UnitCode),
}, { additionalProperties: false });
export type CreateExportBody = Static<typeof CreateExportBody>;

export const Batch = Type.Object({
  id: Uuid(),
  unitCode: Type.String(),
  doseCount: Type.Integer(),
  createdAt: Type.String(),
  createdBy: Nullable(Type.String()),
  answers: Type.Object({ acknowledged: Type.Integer(), rejected: Type.Integer(), unanswered: Type.Integer() }),
});
export type Batch = Static<typeof Batch>;
export const BatchList = Type.Object({ items: Type.Array(Batch) });

export const BatchParams = Type.Object({ id: Uuid() });
export const ListBatchesQuery = Type.Object({
  unitCode: Type.Optional(UnitCode),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
}, { additionalProperties: false });
export const DownloadQuery = Type.Object({
  reason: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
}, { additionalProperties: false });

export const AnswerItem = Type.Object({
  doseId: Uuid(),
  outcome: Type.Union([Type.Literal('acknowledged'), Type.Literal('rejected')]),
  reason: Type.Optional(Type.String({ minLength: 1, maxLength: 1000, description: 'required when rejected: what the registry said' })),
  registryId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: "the registry's id of the record" })),
}, { additionalProperties: false });
export type AnswerItem = Static<typeof AnswerItem>;
export const AnswersBody = Type.Object({ items: Type.Array(AnswerItem, { minItems: 1, maxItems: 50_000 }) }, { additionalProperties: false });
export type AnswersBody = Static<typeof AnswersBody>;

export const AnswersResult = Type.Object({
  batchId: Uuid(),
  updated: Type.Integer({ description: 'answers that changed a status' }),
  unchanged: Type.Integer({ description: 'answers given before (a retry)' }),
  superseded: Type.Integer({ description: 'answers for doses exported again since: kept in this batch only' }),
});
export type AnswersResult = Static<typeof AnswersResult>;

export const RequeueBody = Type.Object({ doseIds: Type.Array(Uuid(), { minItems: 1, maxItems: 10_000 }) }, { additionalProperties: false });
export const RequeueResult = Type.Object({ requeued: Type.Array(Uuid()), notRejected: Type.Array(Uuid(), { description: 'not rejected, or not in your area: left as they were' }) });

export const StatusQuery = Type.Object({ unitCode: Type.Optional(UnitCode) }, { additionalProperties: false });
const StatusCounts = Type.Object({
  unitCode: Type.String(),
  unitName: Type.String(),
  total: Type.Integer(),
  pending: Type.Integer(),
  exported: Type.Integer(),
  acknowledged: Type.Integer(),
  rejected: Type.Integer(),
  acknowledgedShare: Nullable(Type.Number({ description: 'acknowledged ÷ total: "X of Y doses updated on the national platform"; null without doses' })),
});
export type StatusCounts = Static<typeof StatusCounts>;
export const ExportStatus = Type.Object({
  unit: StatusCounts,
  children: Type.Array(StatusCounts),
  rejected: Type.Array(Type.Object({ doseId: Uuid(), personId: Uuid(), batchId: Uuid(), reason: Type.String(), answeredAt: Type.String() })),
});
export type ExportStatus = Static<typeof ExportStatus>;
