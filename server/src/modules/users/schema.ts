import { Type, type Static } from 'typebox';
import { PERMISSIONS, ROLES } from '../../platform/roles.js';

export const RoleSchema = Type.Enum(ROLES);

export const User = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    username: Type.String(),
    displayName: Type.Union([Type.String(), Type.Null()]),
    role: RoleSchema,
    unitCode: Type.Union([Type.String(), Type.Null()], { description: 'null: every unit' }),
    permissions: Type.Array(Type.Enum(PERMISSIONS)),
    disabled: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { description: 'A staff user' },
);
export type User = Static<typeof User>;

export const CreateUserBody = Type.Object(
  {
    username: Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{2,63}$', description: 'lower-case letters, digits, . _ -; 3 to 64 characters' }),
    password: Type.String({ minLength: 10, maxLength: 200 }),
    role: RoleSchema,
    unitCode: Type.String({ pattern: '^[0-9]{2,5}$' }),
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    role: Type.Optional(RoleSchema),
    unitCode: Type.Optional(Type.String({ pattern: '^[0-9]{2,5}$' })),
    password: Type.Optional(Type.String({ minLength: 10, maxLength: 200 })),
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;
