// Request and response shapes of contacts (F1, F2), their review and follow-up (contract:
// docs/API-TRACING.md, "Contacts"). The response shapes are the presenters: only these fields leave.
import { Type, type Static } from 'typebox';
import { PageQuery } from '../../platform/pagination.js';
import { Nullable, Uuid } from '../../platform/schemas.js';

const Instant = Type.String({ format: 'date-time' });
const LocalDate = (description: string) => Type.String({ format: 'date', description });
const Reason = Type.String({ minLength: 3, maxLength: 500, description: 'why: written to the audit log' });

export const DEGREES = ['F1', 'F2'] as const;
export const FOUND_BY = ['place_time', 'household', 'named', 'imported'] as const;
export const CONTACT_STATUSES = ['candidate', 'confirmed', 'rejected'] as const;
export const OUTCOMES = ['completed', 'became_case', 'lost'] as const;
export const ACTIONS = ['confirm', 'reject', 'order_test', 'order_quarantine', 'notify'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];
export type ContactAction = (typeof ACTIONS)[number];

export const ContactParams = Type.Object({ id: Uuid() });

/** `POST /cases/{id}/contacts/propose` and `POST /contacts/{id}/trace` (F2) */
export const ProposeBody = Type.Object({
  reason: Reason,
  marginMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 240, description: 'default 30' })),
}, { additionalProperties: false });
export type ProposeBody = Static<typeof ProposeBody>;

/** `POST /cases/{id}/contacts`: a contact named by the case or from an imported list */
export const AddContactBody = Type.Object({
  personId: Uuid('the person (a merged record is forwarded to the one it was merged into)'),
  foundBy: Type.Enum(['named', 'imported'] as const),
  lastExposureAt: Type.Optional(Nullable(Type.String({ format: 'date-time', description: 'the last moment of contact known; not in the future' }))),
  note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
}, { additionalProperties: false });
export type AddContactBody = Static<typeof AddContactBody>;

export const ListContactsQuery = Type.Object({
  ...PageQuery,
  status: Type.Optional(Type.Enum(CONTACT_STATUSES)),
  degree: Type.Optional(Type.Enum(DEGREES)),
  reason: Reason,
});
export type ListContactsQuery = Static<typeof ListContactsQuery>;

export const ReadContactQuery = Type.Object({
  reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'why the record is opened; default "view record"' })),
});

export const ContactExposure = Type.Object({
  venueId: Uuid(),
  venueName: Type.String(),
  firstOverlapStart: Instant,
  lastOverlapEnd: Instant,
  overlapMinutes: Type.Integer(),
  marginMinutes: Type.Integer(),
});

export const Contact = Type.Object({
  id: Uuid(),
  caseId: Uuid(),
  personId: Uuid(),
  personName: Type.String(),
  phone: Nullable(Type.String({ description: 'in lists the last three digits only; in full on GET /contacts/{id} for tracing:run' })),
  degree: Type.Enum(DEGREES),
  viaContactId: Nullable(Uuid('F2: the F1 contact it came through')),
  foundBy: Type.Enum(FOUND_BY),
  status: Type.Enum(CONTACT_STATUSES),
  lastExposureAt: Nullable(Instant),
  decidedAt: Nullable(Instant),
  followUpUntil: Nullable(Type.String({ format: 'date', description: 'local date: the last day of follow-up' })),
  followUpOutcome: Nullable(Type.Enum(OUTCOMES)),
  followUpEndedAt: Nullable(Instant),
  becameCaseId: Nullable(Uuid()),
  note: Nullable(Type.String()),
  exposures: Type.Array(ContactExposure, { description: 'place-and-time evidence, one per venue' }),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Contact = Static<typeof Contact>;

export const ContactCheck = Type.Object({
  checkedOn: Type.String({ format: 'date' }),
  symptoms: Type.Array(Type.String()),
  temperatureC: Nullable(Type.Number()),
  note: Nullable(Type.String()),
  recordedAt: Instant,
});
export type ContactCheck = Static<typeof ContactCheck>;

export const TestOrder = Type.Object({
  id: Uuid(), dueOn: Type.String({ format: 'date' }), site: Nullable(Type.String()),
  status: Type.Enum(['ordered', 'sampled', 'resulted', 'cancelled'] as const), orderedAt: Instant,
});
export const QuarantineOrder = Type.Object({
  id: Uuid(), kind: Type.Enum(['home', 'facility'] as const), place: Nullable(Type.String()),
  startsOn: Type.String({ format: 'date' }), endsOn: Type.String({ format: 'date' }),
  status: Type.Enum(['ordered', 'completed', 'cancelled'] as const), orderedAt: Instant,
});
export type TestOrder = Static<typeof TestOrder>;
export type QuarantineOrder = Static<typeof QuarantineOrder>;

export const ContactDetail = Type.Object({
  ...Contact.properties,
  checks: Type.Array(ContactCheck, { description: 'newest first' }),
  testOrders: Type.Array(TestOrder),
  quarantineOrders: Type.Array(QuarantineOrder),
});
export type ContactDetail = Static<typeof ContactDetail>;

export const ProposeResult = Type.Object({
  caseId: Uuid(),
  marginMinutes: Type.Integer(),
  exposureVisits: Type.Integer({ description: 'the visits traced from' }),
  added: Type.Integer({ description: 'contacts new in this run' }),
  updated: Type.Integer({ description: 'contacts already there whose exposure facts were refreshed' }),
  items: Type.Array(Contact, { description: 'every contact this run found, new or not' }),
});
export type ProposeResult = Static<typeof ProposeResult>;

/** ⚑ `POST /cases/{id}/contacts/actions` */
export const ContactActionsBody = Type.Object({
  contactIds: Type.Array(Uuid(), { minItems: 1, maxItems: 500 }),
  action: Type.Enum(ACTIONS),
  quarantine: Type.Optional(Type.Object({
    kind: Type.Enum(['home', 'facility'] as const),
    from: LocalDate('first day (local date)'),
    to: LocalDate('last day (local date), included'),
    place: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'the facility (required for facility); home: default the person\'s address' })),
  }, { additionalProperties: false })),
  test: Type.Optional(Type.Object({
    dueOn: Type.Optional(LocalDate('the day of the test; default today')),
    site: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'where; when given, the person is told by SMS/push' })),
  }, { additionalProperties: false })),
  note: Type.Optional(Type.String({ maxLength: 1000 })),
}, { additionalProperties: false });
export type ContactActionsBody = Static<typeof ContactActionsBody>;

export const ActionResult = Type.Object({
  contactId: Uuid(),
  status: Type.Enum(CONTACT_STATUSES),
  changed: Type.Boolean({ description: 'false when the contact already was in that state (a repeat)' }),
  orderId: Nullable(Uuid()),
  messages: Type.Integer({ description: 'outbox messages enqueued by this request' }),
  note: Nullable(Type.String({ description: 'why nothing was sent, for instance' })),
});
export const ContactActionsResult = Type.Object({ action: Type.Enum(ACTIONS), results: Type.Array(ActionResult) });
export type ActionResult = Static<typeof ActionResult>;
export type ContactActionsResult = Static<typeof ContactActionsResult>;

export const CheckBody = Type.Object({
  checkedOn: Type.Optional(LocalDate('default today; not in the future')),
  symptoms: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 30, description: 'empty: none' }),
  temperatureC: Type.Optional(Nullable(Type.Number({ minimum: 30, maximum: 45 }))),
  note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
}, { additionalProperties: false });
export type CheckBody = Static<typeof CheckBody>;

export const EndFollowUpBody = Type.Object({
  outcome: Type.Enum(OUTCOMES),
  caseId: Type.Optional(Uuid('required with became_case: the contact\'s own case')),
  note: Type.Optional(Type.String({ maxLength: 1000 })),
}, { additionalProperties: false });
export type EndFollowUpBody = Static<typeof EndFollowUpBody>;
