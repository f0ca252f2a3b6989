// Testing programmes and their rounds ("green fortress"), and the pool size the engine proposes
// (server: modules/testing, programmes.schema.ts, rounds.schema.ts, pool-size.schema.ts).
import { request } from '../lib/api';
import type { Page } from '../people/api';
import type { TestType } from './api';

export type ProgrammeKind = 'organisation' | 'area';
export type ProgrammeStatus = 'active' | 'ended';
export type GreenStatus = 'green' | 'not_green' | 'pending';
export type RoundReason = 'positive' | 'coverage_below_target' | 'nobody_required' | 'results_pending';
export type RoundState = 'upcoming' | 'open' | 'closed';

export interface RoundRef {
  number: number;
  opensAt: string;
  closesAt: string;
}

export interface Programme {
  id: string;
  name: string;
  kind: ProgrammeKind;
  organisationId: string | null;
  organisationName: string | null;
  communeCode: string;
  teams: string[] | null;
  minAge: number | null;
  maxAge: number | null;
  intervalHours: number;
  startsAt: string;
  endsAt: string | null;
  coverageTarget: number;
  status: ProgrammeStatus;
  currentRound: RoundRef | null;
  greenStatus: {
    status: GreenStatus;
    closedRounds: number;
    failedRoundCount: number;
    failedRounds: { number: number; reasons: RoundReason[]; coverage: number | null; positives: number }[];
    pendingRounds: number[];
  };
  createdAt: string;
  updatedAt: string;
}

export interface NewProgramme {
  name: string;
  organisationId?: string;
  communeCode?: string;
  teams?: string[];
  minAge?: number;
  maxAge?: number;
  intervalHours?: number;
  startsAt: string;
  endsAt?: string;
  coverageTarget?: number;
}

export interface Round {
  number: number;
  opensAt: string;
  closesAt: string;
  state: RoundState;
  required: number;
  tested: number;
  testedByRepresentation: number;
  awaitingResults: number;
  retestPending: number;
  positives: number;
  missed: number;
  coverage: number | null;
  remindersSent: number;
  verdict: 'passed' | 'failed' | 'pending' | null;
  reasons: RoundReason[];
}

export interface MissedPerson {
  personId: string;
  fullName: string;
  birthYear: number;
  communeCode: string;
  team: string | null;
  phone: string | null;
  why: 'not_sampled' | 'invalid_result';
  lastSampledAt: string | null;
  remindedAt: string | null;
}

export interface RemindersResult {
  round: number;
  dueBy: string;
  missed: number;
  enqueued: number;
  alreadyReminded: number;
  withoutPhone: number;
}

export interface PoolSizeProposal {
  communeCode: string;
  testType: string;
  highRisk: boolean;
  maxRounds: number;
  prevalence: {
    estimate: number;
    source: 'recent_results' | 'prior';
    method: string;
    resolvedPeople: number;
    positivePeople: number;
  };
  cap: { value: number; setting: string };
  plan: { scheme: string; stages: number; parameters: string; expectedTestsPerPerson: number };
  proposedPoolSize: number;
}

const PROGRAMMES = '/api/v1/testing/programmes';
const programmePath = (id: string) => `${PROGRAMMES}/${encodeURIComponent(id)}`;

export const listProgrammes = (
  query: { status?: ProgrammeStatus; greenStatus?: GreenStatus; kind?: ProgrammeKind; communeCode?: string; limit: number; offset: number },
  signal?: AbortSignal,
) => request<Page<Programme>>(PROGRAMMES, { query, signal });

export const getProgramme = (id: string, signal?: AbortSignal) => request<Programme>(programmePath(id), { signal });

export const createProgramme = (body: NewProgramme) => request<Programme>(PROGRAMMES, { method: 'POST', body });

export const endProgramme = (id: string) => request<Programme>(programmePath(id), { method: 'PATCH', body: { status: 'ended' } });

export const listRounds = (id: string, query: { limit: number; offset: number }, signal?: AbortSignal) =>
  request<Page<Round> & { coverageTarget: number }>(`${programmePath(id)}/rounds`, { query, signal });

export const listMissed = (id: string, round: number, query: { reason: string; limit: number; offset: number }, signal?: AbortSignal) =>
  request<Page<MissedPerson> & { round: RoundRef & { state: 'open' | 'closed' } }>(`${programmePath(id)}/rounds/${round}/missed`, { query, signal });

export const sendReminders = (id: string, round: number) =>
  request<RemindersResult>(`${programmePath(id)}/rounds/${round}/reminders`, { method: 'POST' });

export const getPoolSize = (query: { communeCode: string; testType?: TestType; highRisk?: boolean }, signal?: AbortSignal) =>
  request<PoolSizeProposal>('/api/v1/testing/pool-size', { query: { ...query, highRisk: query.highRisk ? 'true' : undefined }, signal });
