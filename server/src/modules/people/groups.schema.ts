import { Type, type Static } from 'typebox';
import { PageQuery } from '../../platform/pagination.js';
import { Nullable, Uuid } from '../../platform/schemas.js';

const CommuneCode = Type.String({ maxLength: 16 });

export const HouseholdMemberInput = Type.Object(
  { personId: Uuid(), relation: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'head, spouse, child, parent …' })) },
  { additionalProperties: false },
);

export const CreateHouseholdBody = Type.Object(
  {
    communeCode: CommuneCode,
    address: Type.Optional(Type.String({ maxLength: 500 })),
    headPersonId: Type.Optional(Uuid()),
    members: Type.Array(HouseholdMemberInput, { minItems: 1, maxItems: 50 }),
  },
  { additionalProperties: false },
);
export type CreateHouseholdBody = Static<typeof CreateHouseholdBody>;

export const ORGANISATION_KINDS = ['factory', 'office', 'school', 'market', 'hospital', 'shop', 'restaurant', 'farm', 'religious', 'transport', 'other'] as const;

export const Organisation = Type.Object({
  id: Uuid(),
  name: Type.String(),
  kind: Type.Enum(ORGANISATION_KINDS),
  communeCode: Type.String(),
  address: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  memberCount: Type.Integer(),
  isDemo: Type.Boolean(),
});
export type Organisation = Static<typeof Organisation>;

export const OrganisationDetail = Type.Object({
  ...Organisation.properties,
  members: Type.Array(Type.Object({ personId: Type.String(), fullName: Type.String(), team: Nullable(Type.String()) })),
});

export const CreateOrganisationBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 300 }),
    kind: Type.Enum(ORGANISATION_KINDS),
    communeCode: CommuneCode,
    address: Type.Optional(Type.String({ maxLength: 500 })),
    phone: Type.Optional(Type.String({ maxLength: 32 })),
  },
  { additionalProperties: false },
);
export type CreateOrganisationBody = Static<typeof CreateOrganisationBody>;

export const OrganisationQuery = Type.Object({
  ...PageQuery,
  q: Type.Optional(Type.String({ maxLength: 200 })),
  communeCode: Type.Optional(Type.String({ pattern: '^[0-9]{2,5}$' })),
  kind: Type.Optional(Type.Enum(ORGANISATION_KINDS)),
});
export type OrganisationQuery = Static<typeof OrganisationQuery>;

export const AddOrganisationMemberBody = Type.Object(
  { personId: Uuid(), team: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) },
  { additionalProperties: false },
);
export const IdParams = Type.Object({ id: Uuid() });
