// Request and response shapes of the laboratory and of results (contract: docs/API-TESTING.md,
// "Laboratory" and "Results"). The web app mirrors TubeResult, PersonResult, Retest and CaseProposal.
import { Type, type Static } from 'typebox';
import { PageQuery } from '../../platform/pagination.js';
import { Barcode, TEST_TYPES, TUBE_KINDS, TUBE_STATUSES } from './collection.schema.js';
import { Nullable, Uuid } from '../../platform/schemas.js';

const Instant = (description?: string) => Type.String({ format: 'date-time', ...(description ? { description } : {}) });

export const TUBE_OUTCOMES = ['positive', 'negative', 'invalid'] as const;
export const PERSON_OUTCOMES = ['negative', 'negative_by_representation', 'positive', 'retest_pending', 'invalid'] as const;
export const RESULT_SOURCES = ['manual', 'csv', 'api'] as const;
export const RETEST_ORIGINS = ['aliquot', 'resample'] as const;
export const PROPOSAL_STATUSES = ['open', 'accepted', 'dismissed'] as const;
export type ResultSource = (typeof RESULT_SOURCES)[number];
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** At most this many tubes in one batch, CSV file or receipt. */
export const MAX_BATCH = 1000;

const Reason = (description: string) => Type.String({ minLength: 3, maxLength: 500, description });

// ---- receiving

/** ⚑ `POST /api/v1/testing/lab/receive` */
export const ReceiveBody = Type.Object(
  { barcodes: Type.Array(Barcode, { minItems: 1, maxItems: MAX_BATCH, description: 'as scanned at the lab' }) },
  { additionalProperties: false },
);
export type ReceiveBody = Static<typeof ReceiveBody>;

export const ReceiveResult = Type.Object({
  received: Type.Integer({ description: 'tubes received now' }),
  repeats: Type.Integer({ description: 'tubes received before (or already resulted): nothing changed' }),
  items: Type.Array(Type.Object({
    barcode: Type.String(),
    status: Type.Enum(TUBE_STATUSES),
    receivedAt: Instant(),
    repeat: Type.Boolean(),
  }), { description: 'one per barcode, in order' }),
});
export type ReceiveResult = Static<typeof ReceiveResult>;

// ---- results

export const CtValues = Type.Record(Type.String({ pattern: '^[A-Za-z0-9]{1,12}$' }), Type.Number({ minimum: 0, maximum: 50 }), {
  maxProperties: 8, description: 'cycle thresholds by target gene, e.g. {"N": 24.1, "ORF1ab": 25.3}',
});

/** ⚑ One tube's result: `POST /api/v1/testing/results`, and each item of a batch. */
export const ResultItem = Type.Object(
  {
    barcode: Barcode,
    outcome: Type.Enum(TUBE_OUTCOMES),
    ctValues: Type.Optional(CtValues),
    correction: Type.Optional(Type.Object({ reason: Reason('why the current result is replaced') }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type ResultItem = Static<typeof ResultItem>;

/** ⚑ `POST /api/v1/testing/results/batch`: the lab API for machines; all items or none. */
export const ResultBatchBody = Type.Object({ items: Type.Array(ResultItem, { minItems: 1, maxItems: MAX_BATCH }) }, { additionalProperties: false });
export type ResultBatchBody = Static<typeof ResultBatchBody>;

export const ResultOutcome = Type.Object({
  barcode: Type.String(),
  resultId: Uuid('the current result of the tube'),
  outcome: Type.Enum(TUBE_OUTCOMES),
  repeat: Type.Boolean({ description: 'the tube already had this outcome: nothing changed' }),
  corrected: Type.Boolean({ description: 'this result superseded a different one' }),
  people: Type.Integer({ description: 'person results written (0 for a repeat)' }),
  retests: Type.Array(Type.String(), { description: 'barcodes of the retest tubes this result planned' }),
  caseProposals: Type.Integer({ description: 'case proposals this result opened' }),
});
export type ResultOutcome = Static<typeof ResultOutcome>;

export const ResultBatchResult = Type.Object({
  created: Type.Integer(),
  repeats: Type.Integer(),
  items: Type.Array(ResultOutcome, { description: 'one per item (CSV: per record), in order' }),
});
export type ResultBatchResult = Static<typeof ResultBatchResult>;

/** One result of a tube, current or superseded. */
export const TubeResult = Type.Object({
  id: Uuid(),
  outcome: Type.Enum(TUBE_OUTCOMES),
  ctValues: Nullable(Type.Record(Type.String(), Type.Number())),
  source: Type.Enum(RESULT_SOURCES),
  enteredBy: Uuid(),
  enteredByName: Nullable(Type.String()),
  enteredAt: Instant(),
  supersedes: Nullable(Uuid()),
  correctionReason: Nullable(Type.String()),
  current: Type.Boolean(),
});
export type TubeResult = Static<typeof TubeResult>;

/** ⚑ `GET /api/v1/testing/tubes/{barcode}/results` */
export const TubeResultHistory = Type.Object({
  barcode: Type.String(),
  status: Type.Enum(TUBE_STATUSES),
  items: Type.Array(TubeResult, { description: 'newest first; the first is current unless none is' }),
});
export type TubeResultHistory = Static<typeof TubeResultHistory>;

export const BarcodeParams = Type.Object({ barcode: Barcode });

// ---- people's results

export const PersonResult = Type.Object({
  id: Uuid(),
  tubeBarcode: Type.String(),
  testType: Type.Enum(TEST_TYPES),
  outcome: Type.Enum(PERSON_OUTCOMES),
  sampledAt: Instant('when the person, or the member representing them, was sampled'),
  resultedAt: Instant(),
  current: Type.Boolean({ description: 'false once the tube\'s result was corrected' }),
  communeCode: Type.String({ description: 'the commune of the session' }),
});
export type PersonResult = Static<typeof PersonResult>;

export const PersonParams = Type.Object({ personId: Uuid() });
export const ReasonQuery = Type.Object({
  reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'why the results are read; written to the audit log' })),
});

export const PersonResults = Type.Object({ personId: Uuid(), items: Type.Array(PersonResult, { description: 'newest sample first' }) });
export type PersonResults = Static<typeof PersonResults>;

/** ⚑ `POST /api/v1/open/test-results`: a personal code, or a national ID with the birth year. */
export const LookupBody = Type.Object(
  {
    personCode: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'the signed personal QR code' })),
    nationalId: Type.Optional(Type.String({ pattern: '^[0-9]{12}$', description: 'with birthYear' })),
    birthYear: Type.Optional(Type.Integer({ minimum: 1890, maximum: 2200, description: 'with nationalId' })),
  },
  { additionalProperties: false },
);
export type LookupBody = Static<typeof LookupBody>;

export const PublicResult = Type.Object({
  id: Uuid('the result: ask for its certificate with it'),
  testType: Type.Enum(TEST_TYPES),
  outcome: Type.Enum(PERSON_OUTCOMES),
  sampledAt: Instant(),
  resultedAt: Instant(),
});

export const LookupResult = Type.Object({
  initials: Type.String({ description: 'the initials of the name (N.V.A.), to check it is the right person; nothing else personal' }),
  items: Type.Array(PublicResult, { description: 'current results, newest sample first' }),
});
export type LookupResult = Static<typeof LookupResult>;

/** ⚑ `POST /api/v1/open/test-results/certificate`: the look-up's details and one of its results. */
export const CertificateBody = Type.Object({ ...LookupBody.properties, resultId: Uuid('a current negative result from the look-up') }, { additionalProperties: false });
export type CertificateBody = Static<typeof CertificateBody>;

export const TestCertificate = Type.Object({
  hc1: Type.String({ description: 'the EU DCC text (HC1:…) the QR code holds; verifiable against /.well-known/vigil/dcc-trust-list.json' }),
  uvci: Type.String(),
  issuedAt: Instant(),
  expiresAt: Instant(),
});
export type TestCertificate = Static<typeof TestCertificate>;

// ---- retests

export const RetestQuery = Type.Object({
  ...PageQuery,
  communeCode: Type.Optional(Type.String({ pattern: '^[0-9]{2,5}$', description: 'a commune, district or province: the retests inside it' })),
  origin: Type.Optional(Type.Enum(RETEST_ORIGINS, { description: 'resample: the field team\'s list; aliquot: the lab\'s' })),
  reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'why the list is read; written to the audit log' })),
});
export type RetestQuery = Static<typeof RetestQuery>;

export const RetestPerson = Type.Object({
  personId: Uuid(),
  fullName: Type.String(),
  birthYear: Type.Integer(),
  address: Nullable(Type.String()),
  phone: Nullable(Type.String({ description: 'masked to its last three digits' })),
  communeCode: Type.String({ description: 'where the person lives' }),
  role: Type.Enum(['sampled', 'represented'] as const),
});

export const Retest = Type.Object({
  id: Uuid(),
  barcode: Type.String(),
  origin: Type.Enum(RETEST_ORIGINS),
  kind: Type.Enum(TUBE_KINDS),
  parentBarcode: Type.String({ description: 'the tube whose result asked for this one' }),
  parentOutcome: Nullable(Type.Enum(TUBE_OUTCOMES)),
  sessionId: Uuid(),
  testType: Type.Enum(TEST_TYPES),
  communeCode: Type.String(),
  plannedAt: Instant(),
  people: Type.Array(RetestPerson),
});
export type Retest = Static<typeof Retest>;

export const ResampledBody = Type.Object(
  { sampledAt: Type.Optional(Instant('when the people were sampled again; default now')) },
  { additionalProperties: false },
);
export type ResampledBody = Static<typeof ResampledBody>;

export const ResampledResult = Type.Object({
  barcode: Type.String(),
  status: Type.Enum(TUBE_STATUSES),
  sampledAt: Instant(),
  repeat: Type.Boolean({ description: 'confirmed before: nothing changed' }),
});
export type ResampledResult = Static<typeof ResampledResult>;

// ---- case proposals

export const ProposalQuery = Type.Object({
  ...PageQuery,
  status: Type.Optional(Type.Enum(PROPOSAL_STATUSES)),
  communeCode: Type.Optional(Type.String({ pattern: '^[0-9]{2,5}$' })),
});
export type ProposalQuery = Static<typeof ProposalQuery>;

export const CaseProposal = Type.Object({
  id: Uuid(),
  personId: Uuid(),
  personName: Type.String(),
  communeCode: Type.String({ description: 'the person\'s commune: whose staff decide' }),
  status: Type.Enum(PROPOSAL_STATUSES),
  testType: Type.Enum(TEST_TYPES),
  tubeBarcode: Type.String(),
  ctValues: Nullable(Type.Record(Type.String(), Type.Number())),
  sampledAt: Instant(),
  resultedAt: Instant(),
  caseId: Nullable(Uuid()),
  decidedAt: Nullable(Instant()),
  dismissReason: Nullable(Type.String()),
  createdAt: Instant(),
});
export type CaseProposal = Static<typeof CaseProposal>;

export const ProposalParams = Type.Object({ id: Uuid() });
export const DismissBody = Type.Object({ reason: Reason('why no case is created') }, { additionalProperties: false });
export type DismissBody = Static<typeof DismissBody>;
