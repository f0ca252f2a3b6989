// Shapes of transmission chains (contract: docs/API-TRACING.md, "Transmission chains"). The response
// shapes are the presenters: only these fields leave, and a node's label is a full name only for
// callers who may read that person (otherwise initials and birth year).
import { Type, type Static } from 'typebox';
import { CONTACT_STATUSES, DEGREES, FOUND_BY } from './contacts.schema.js';
import { CASE_STATUSES } from './schema.js';
import { Nullable, Uuid } from '../../platform/schemas.js';

const Instant = (description: string) => Type.String({ format: 'date-time', description });

/** The most nodes an answer holds (cases first, then contacts); beyond it the answer says `truncated`. */
export const CHAIN_NODE_CAP = 500;
export const CHAIN_MAX_DEPTH = 10;

export const ChainQuery = Type.Object({
  depth: Type.Optional(Type.Integer({ minimum: 0, maximum: CHAIN_MAX_DEPTH, default: 3, description: 'case-to-case hops from this case, both ways (who infected it, whom it infected)' })),
  includeContacts: Type.Optional(Type.Boolean({ default: true, description: 'also the contacts of the cases in your scope that did not become a case in the answer' })),
  maxNodes: Type.Optional(Type.Integer({ minimum: 1, maximum: CHAIN_NODE_CAP, default: CHAIN_NODE_CAP, description: 'cap on nodes: cases nearest the case first, then contacts' })),
  reason: Type.String({ minLength: 3, maxLength: 500, description: 'why: written to the audit log with the number of nodes' }),
});
export type ChainQuery = Static<typeof ChainQuery>;

export const Location = Type.Object({ lat: Type.Number(), lon: Type.Number() });
export type Location = Static<typeof Location>;

const nodeFields = {
  kind: Type.Enum(['case', 'contact'] as const),
  personId: Uuid(),
  label: Type.String({ description: 'the full name when you may read people and the person and the record are in your scope; otherwise initials and birth year ("N.V.A. 1985")' }),
  status: Type.Union([Type.Enum(CASE_STATUSES), Type.Enum(CONTACT_STATUSES)], { description: 'a case\'s status, or a contact\'s' }),
  date: Nullable(Instant('cases: confirmation (report for a suspected case); contacts: last exposure')),
  communeCode: Type.String({ description: 'cases: the case\'s unit; contacts: the person\'s commune' }),
  inScope: Type.Boolean({ description: 'false: a case of another unit, reached through the chain; its record answers 404 to you' }),
  hops: Nullable(Type.Integer({ minimum: 0, description: 'cases: case-to-case hops from the requested case; contacts: null' })),
  degree: Nullable(Type.Enum(DEGREES)),
  becameCaseId: Nullable(Uuid('a contact who became a case beyond the depth: the chain continues there')),
  clusterId: Nullable(Uuid('the cluster of the case (for a contact: of its case)')),
};

export const ChainNode = Type.Object({
  id: Uuid('the case id (kind case) or the contact id (kind contact): GET /cases/{id} or /contacts/{id} opens it'),
  ...nodeFields,
  location: Type.Optional(Type.Object(Location.properties, { description: 'for the map: a contact\'s latest venue, else the commune\'s point on surface; absent when unknown' })),
});
export type ChainNode = Static<typeof ChainNode>;

export const ChainEdge = Type.Object({
  from: Uuid('the node it came from: the infecting case, or for an F2 contact its F1 (as a case when the F1 became one)'),
  to: Uuid(),
  how: Type.Enum(FOUND_BY),
  date: Nullable(Instant('the last exposure of the contact')),
  venueId: Type.Optional(Uuid('the venue of the latest place-and-time exposure')),
  venueName: Type.Optional(Type.String({ description: 'its name: a venue is a public place, named even outside your scope' })),
  venueLocation: Type.Optional(Location),
  contactId: Uuid('the contact record the edge comes from (its evidence)'),
});
export type ChainEdge = Static<typeof ChainEdge>;

export const ChainCluster = Type.Object({
  id: Uuid('the id of its earliest case'),
  caseIds: Type.Array(Uuid(), { description: 'in date order' }),
  size: Type.Integer({ minimum: 1 }),
});
export type ChainCluster = Static<typeof ChainCluster>;

export const Chain = Type.Object({
  caseId: Uuid(),
  depth: Type.Integer(),
  includeContacts: Type.Boolean(),
  truncated: Type.Boolean({ description: 'true when the node cap left cases or contacts out' }),
  nodes: Type.Array(ChainNode, { description: 'by date (undated last), cases before contacts on the same date' }),
  edges: Type.Array(ChainEdge, { description: 'by date' }),
  clusters: Type.Array(ChainCluster, { description: 'connected components of the cases, largest first' }),
});
export type Chain = Static<typeof Chain>;

const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 2, description: '[lon, lat]' });

/** The same chain for the map: nodes as Points, edges as LineStrings (through the venue when known). */
export const ChainGeojson = Type.Object({
  type: Type.Literal('FeatureCollection'),
  caseId: Uuid(),
  truncated: Type.Boolean(),
  clusters: Type.Array(ChainCluster),
  features: Type.Array(Type.Union([
    Type.Object({
      type: Type.Literal('Feature'),
      id: Uuid(),
      geometry: Type.Object({ type: Type.Literal('Point'), coordinates: Position }),
      properties: Type.Object({
        featureKind: Type.Literal('node'),
        ...nodeFields,
      }),
    }),
    Type.Object({
      type: Type.Literal('Feature'),
      id: Type.String({ description: '<contactId>:edge' }),
      geometry: Type.Object({ type: Type.Literal('LineString'), coordinates: Type.Array(Position, { minItems: 2 }) }),
      properties: Type.Object({ featureKind: Type.Literal('edge'), ...ChainEdge.properties }),
    }),
  ]), { description: 'nodes and edges without a known location are left out' }),
});
export type ChainGeojson = Static<typeof ChainGeojson>;
