import { Type, type TSchema } from 'typebox';

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
};

export const pageOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() });

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export function pageParams(query: { limit?: number | undefined; offset?: number | undefined }) {
  return { limit: query.limit ?? 50, offset: query.offset ?? 0 };
}
