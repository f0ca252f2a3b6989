// Schema pieces that every module's request and response schemas use.
import { type TSchema, Type } from 'typebox';

/** The value, or JSON null (a field that is present but empty, not a missing one). */
export const Nullable = <T extends TSchema>(schema: T, options: { description?: string } = {}) => Type.Union([schema, Type.Null()], options);

/** A UUID string, with a description for the API documentation when given. */
export const Uuid = (description?: string) => Type.String({ format: 'uuid', ...(description ? { description } : {}) });
