// The collection side of testing (server: modules/testing, collection.schema.ts): sessions, tubes,
// samples and label sheets. Types mirror the server's response schemas.
import { request } from '../lib/api';
import { downloadWithToken } from '../lib/download';
import type { Page } from '../people/api';

export type TestType = 'rt_pcr' | 'rapid_antigen';
export type SessionMode = 'individual' | 'pooled' | 'household_representative' | 'organisation_representative';
export type Pooling = 'lab_aliquot' | 'collection_swab';
export type SessionStatus = 'open' | 'closed';
export type TubeKind = 'individual' | 'pool' | 'representative';
export type TubeOrigin = 'collected' | 'aliquot' | 'resample';
export type TubeStatus = 'planned' | 'collecting' | 'sealed' | 'received' | 'resulted';
export type MemberRole = 'sampled' | 'represented';

export const TEST_TYPES: readonly TestType[] = ['rt_pcr', 'rapid_antigen'];
export const SESSION_MODES: readonly SessionMode[] = ['individual', 'pooled', 'household_representative', 'organisation_representative'];
export const POOLINGS: readonly Pooling[] = ['lab_aliquot', 'collection_swab'];
export const TUBE_STATUSES: readonly TubeStatus[] = ['planned', 'collecting', 'sealed', 'received', 'resulted'];

export const isRepresentativeMode = (mode: SessionMode) => mode === 'household_representative' || mode === 'organisation_representative';

export interface Session {
  id: string;
  name: string;
  placeId: string | null;
  organisationId: string | null;
  communeCode: string;
  startsAt: string;
  endsAt: string;
  team: string[];
  testType: TestType;
  mode: SessionMode;
  pooling: Pooling | null;
  highRisk: boolean;
  poolCap: number;
  status: SessionStatus;
  createdAt: string;
  updatedAt: string;
}

export interface HouseholdShort {
  householdId: string;
  size: number;
  representatives: string[];
}

export interface SessionDetail extends Session {
  counts: {
    tubes: Record<TubeStatus, number>;
    peopleSampled: number;
    peopleRepresented: number;
    householdsNeedingSecondRepresentative: HouseholdShort[];
  };
}

export interface NewSession {
  name: string;
  placeId?: string;
  organisationId?: string;
  communeCode: string;
  startsAt: string;
  endsAt: string;
  team?: string[];
  testType: TestType;
  mode: SessionMode;
  pooling?: Pooling;
  highRisk?: boolean;
  poolCap?: number;
}

export interface Tube {
  id: string;
  barcode: string;
  sessionId: string;
  communeCode: string;
  kind: TubeKind;
  origin: TubeOrigin;
  parentTubeId: string | null;
  capacity: number;
  status: TubeStatus;
  sampled: number;
  represented: number;
  openedAt: string;
  sealedAt: string | null;
  receivedAt: string | null;
  resultedAt: string | null;
}

export interface TubeMember {
  personId: string;
  fullName: string;
  birthYear: number;
  role: MemberRole;
  representedBy: string | null;
  householdId: string | null;
  organisationId: string | null;
  team: string | null;
  sampledAt: string | null;
  recordedAt: string;
}

export interface TubeDetail extends Tube {
  session: Session;
  members: TubeMember[];
}

export interface WalkIn {
  fullName: string;
  birthYear: number;
  phone?: string;
  nationalId?: string;
  communeCode: string;
  address?: string;
}

/** ⚑ One scan as the collector's phone sends it: exactly one of personId, personCode, nationalId, walkIn. */
export interface SampleItem {
  id: string;
  sessionId: string;
  tubeBarcode: string;
  personId?: string;
  personCode?: string;
  nationalId?: string;
  walkIn?: WalkIn;
  sampledAt: string;
  represents?: string[];
  team?: string;
}

export interface SampleResult {
  accepted: number;
  repeats: number;
  items: { id: string; tubeId: string; tubeBarcode: string; personId: string; role: MemberRole; repeat: boolean }[];
  householdsNeedingSecondRepresentative: HouseholdShort[];
}

const TESTING = '/api/v1/testing';
const tubePath = (barcode: string) => `${TESTING}/tubes/${encodeURIComponent(barcode)}`;

export const listSessions = (
  query: { communeCode?: string; status?: SessionStatus; date?: string; organisationId?: string; limit: number; offset: number },
  signal?: AbortSignal,
) => request<Page<Session>>(`${TESTING}/sessions`, { query, signal });

export const getSession = (id: string, signal?: AbortSignal) => request<SessionDetail>(`${TESTING}/sessions/${encodeURIComponent(id)}`, { signal });

export const createSession = (body: NewSession) => request<Session>(`${TESTING}/sessions`, { method: 'POST', body });

export const updateSession = (id: string, body: Partial<Pick<Session, 'name' | 'startsAt' | 'endsAt' | 'team' | 'status'>>) =>
  request<SessionDetail>(`${TESTING}/sessions/${encodeURIComponent(id)}`, { method: 'PATCH', body });

export const listSessionTubes = (id: string, query: { status?: TubeStatus; limit: number; offset: number }, signal?: AbortSignal) =>
  request<Page<Tube>>(`${TESTING}/sessions/${encodeURIComponent(id)}/tubes`, { query, signal });

/** A tube with its members (names: the read is audited with the reason). */
export const getTube = (barcode: string, reason: string | undefined, signal?: AbortSignal) =>
  request<TubeDetail>(tubePath(barcode), { query: { reason }, signal });

export const sealTube = (barcode: string) => request<Tube>(`${tubePath(barcode)}/seal`, { method: 'POST' });

/** Takes a wrongly scanned person out of a tube that is still collecting. */
export const removeMember = (barcode: string, personId: string) =>
  request<unknown>(`${tubePath(barcode)}/members/${encodeURIComponent(personId)}`, { method: 'DELETE' });

export const postSamples = (items: SampleItem[]) => request<SampleResult>(`${TESTING}/samples/batch`, { method: 'POST', body: { items } });

/** A new sheet of labels (fresh barcodes), as a PDF download. */
export const downloadLabels = (body: { count: number; kind: 'tube' | 'pool' }, filename: string) => downloadWithToken(`${TESTING}/labels`, filename, body);

/** An organisation's members with their teams (people module), for organisation representative sessions. */
export const getOrganisationMembers = (id: string, signal?: AbortSignal) =>
  request<{ id: string; name: string; members: { personId: string; fullName: string; team: string | null }[] }>(
    `/api/v1/organisations/${encodeURIComponent(id)}`, { signal },
  );

export interface OrganisationSummary {
  id: string;
  name: string;
  kind: string;
  communeCode: string;
  memberCount: number;
}

export const searchOrganisations = (query: { q?: string; communeCode?: string; limit: number; offset: number }, signal?: AbortSignal) =>
  request<Page<OrganisationSummary>>('/api/v1/organisations', { query, signal });

export const sessionLabelsPath = (id: string) => `${TESTING}/sessions/${encodeURIComponent(id)}/labels.pdf`;
