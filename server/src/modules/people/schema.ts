import { Type, type Static } from 'typebox';
import { PageQuery } from '../../platform/pagination.js';
import { Nullable } from '../../platform/schemas.js';


export const Sex = Type.Union([Type.Literal('male'), Type.Literal('female'), Type.Literal('other')]);

export const Person = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    fullName: Type.String(),
    nationalId: Nullable(Type.String()),
    birthDate: Nullable(Type.String({ format: 'date' })),
    birthYear: Type.Integer(),
    sex: Nullable(Sex),
    phone: Nullable(Type.String({ description: '+84…' })),
    address: Nullable(Type.String()),
    communeCode: Type.String(),
    mergedInto: Nullable(Type.String({ format: 'uuid' })),
    isDemo: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { description: 'A person' },
);
export type Person = Static<typeof Person>;

const personFields = {
  fullName: Type.String({ minLength: 1, maxLength: 200 }),
  nationalId: Type.Optional(Nullable(Type.String({ maxLength: 32, description: 'CCCD: 12 digits' }))),
  birthDate: Type.Optional(Nullable(Type.String({ format: 'date' }))),
  birthYear: Type.Optional(Nullable(Type.Integer({ minimum: 1890, maximum: 2200 }))),
  sex: Type.Optional(Nullable(Sex)),
  phone: Type.Optional(Nullable(Type.String({ maxLength: 32 }))),
  address: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  communeCode: Type.String({ maxLength: 16 }),
};

export const CreatePersonBody = Type.Object(personFields, { additionalProperties: false });
export type CreatePersonBody = Static<typeof CreatePersonBody>;

export const UpdatePersonBody = Type.Partial(Type.Object(personFields), { additionalProperties: false, minProperties: 1 });
export type UpdatePersonBody = Static<typeof UpdatePersonBody>;

export const PersonParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const SearchPeopleQuery = Type.Object({
  ...PageQuery,
  q: Type.Optional(Type.String({ maxLength: 200, description: 'national ID, phone or name (diacritics and case ignored)' })),
  communeCode: Type.Optional(Type.String({ pattern: '^[0-9]{2,5}$', description: 'any unit: its people and those below it' })),
});
export type SearchPeopleQuery = Static<typeof SearchPeopleQuery>;

export const ReadReasonQuery = Type.Object({
  reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'why the record is opened; written to the audit log' })),
});

export const HouseholdMember = Type.Object({ personId: Type.String(), fullName: Type.String(), relation: Nullable(Type.String()), birthYear: Type.Integer() });
export const Household = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    address: Nullable(Type.String()),
    communeCode: Type.String(),
    headPersonId: Nullable(Type.String()),
    members: Type.Array(HouseholdMember),
  },
  { description: 'A household' },
);
export type Household = Static<typeof Household>;

export const PersonOrganisation = Type.Object({ id: Type.String(), name: Type.String(), kind: Type.String(), team: Nullable(Type.String()) });

export const PersonDetail = Type.Object({
  ...Person.properties,
  household: Nullable(Household),
  organisations: Type.Array(PersonOrganisation),
});

export const DuplicateReason = Type.Union([Type.Literal('national_id'), Type.Literal('phone_birth_year'), Type.Literal('name_birth_date_commune')]);
export type DuplicateReason = Static<typeof DuplicateReason>;
export const DuplicatePair = Type.Object({ a: Person, b: Person, reasons: Type.Array(DuplicateReason) });

export const MergeBody = Type.Object(
  { mergedId: Type.String({ format: 'uuid' }), reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);
export const MergeResult = Type.Object({ survivor: Person, moved: Type.Record(Type.String(), Type.Integer()) });

export const DismissBody = Type.Object(
  { personA: Type.String({ format: 'uuid' }), personB: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
