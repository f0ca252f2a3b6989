// The levels API: weekly figures, drafts, adjustments, publication and each unit's history.
import { request } from '../lib/api';

export type LevelColour = 'green' | 'yellow' | 'orange' | 'red';
export type Level = 1 | 2 | 3 | 4;
export const LEVELS: readonly Level[] = [1, 2, 3, 4];

export type ParentDerivation = 'aggregatedFigures' | 'highestChildLevel' | 'populationMajorityChildLevel';
export const PARENT_DERIVATIONS: readonly ParentDerivation[] = ['aggregatedFigures', 'highestChildLevel', 'populationMajorityChildLevel'];
export type ConfirmationStatus = 'confirmed' | 'reported' | 'unconfirmed';

/** A rule set as the server stores it (the body of a create). */
export interface RuleSet {
  id: string;
  name: string;
  effectiveFrom: string;
  caseBands: number[];
  coverage: { indicator: string; highIfAtLeast: number; lowAddsLevels: number };
  elderly?: { indicator: string; minimum: number; shortfallAddsLevels: number; skipWhenNoCases: boolean };
  capacity: { whenUnmet: 'noDowngrade' | 'ignore' };
  maxLevel: number;
  /** Left out: aggregatedFigures. */
  parentDerivation?: ParentDerivation;
  basedOn?: string;
  source?: string;
  confirmation?: Record<string, { status: ConfirmationStatus; note?: string; source?: string }>;
}

export interface RuleSetView {
  id: string;
  name: string;
  effectiveFrom: string;
  caseBands: number[];
  coverage: { indicator: string; highIfAtLeast: number; lowAddsLevels: number };
  elderly?: { indicator: string; minimum: number; shortfallAddsLevels: number; skipWhenNoCases: boolean };
  capacity: { whenUnmet: 'noDowngrade' | 'ignore' };
  maxLevel: number;
  parentDerivation?: ParentDerivation;
  basedOn?: string;
  source?: string;
  confirmation?: RuleSet['confirmation'];
  builtIn: boolean;
  /** e.g. "elderly (unconfirmed)" */
  unconfirmed: string[];
  createdAt?: string | null;
}

/** One unit's stored figures for a week; other numeric fields are vaccination shares by indicator name. */
export interface StoredInput {
  code: string;
  newCommunityCases7d: number | null;
  population: number | null;
  capacityMet: boolean | null;
  previousLevel: number | null;
  updatedAt: string;
  updatedBy: string | null;
  [indicator: string]: number | string | boolean | null;
}

/** What a save sends: fields left out keep their stored value, null clears one. */
export interface InputChange {
  code: string;
  [field: string]: string | number | boolean | null;
}

export type ReasonValue = string | number | boolean | null;
export interface Reason {
  code: string;
  text: string;
  values: Record<string, ReasonValue>;
}

export interface Result {
  unitCode: string;
  unitName: string;
  unitLevel: 'province' | 'district' | 'commune';
  parentCode: string | null;
  level: Level;
  colour: LevelColour;
  computedLevel: Level;
  band: number;
  casesPer100k: number;
  basis: {
    newCommunityCases7d: number;
    population: number;
    indicators: Record<string, number>;
    aggregatedFrom: number | null;
    capacityMet: boolean | null;
    previousLevel: number | null;
  };
  reasons: Reason[];
  adjustment: { reason: string; by: string | null; at: string } | null;
}

export interface AssessmentSummary {
  id: string;
  week: string;
  unitCode: string;
  ruleSetId: string;
  status: 'draft' | 'published';
  warnings: string[];
  createdAt: string;
  computedAt: string;
  effectiveFrom: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
}

export interface Assessment extends AssessmentSummary {
  results: Result[];
}

export interface PublishedLevel {
  unitCode: string;
  unitName: string;
  level: Level;
  colour: LevelColour;
  computedLevel: Level;
  band: number;
  casesPer100k: number;
  week: string;
  effectiveFrom: string;
  publishedAt: string;
  assessmentId: string;
  ruleSetId: string;
}

const base = '/api/v1/levels';
const week = (value: string) => encodeURIComponent(value);

export const listRuleSets = (signal?: AbortSignal) => request<{ items: RuleSetView[] }>(`${base}/rule-sets`, { signal });

export const createRuleSet = (rules: RuleSet) => request<RuleSetView>(`${base}/rule-sets`, { method: 'POST', body: rules });

export const listInputs = (value: string, signal?: AbortSignal) =>
  request<{ week: string; items: StoredInput[] }>(`${base}/inputs/${week(value)}`, { signal });

export const saveInputs = (value: string, units: InputChange[]) =>
  request<{ week: string; items: StoredInput[] }>(`${base}/inputs/${week(value)}`, { method: 'PUT', body: { units } });

export const computeDraft = (value: string, unitCode: string | undefined) =>
  request<Assessment>(`${base}/assessments`, { method: 'POST', body: { week: value, unitCode } });

export const listAssessments = (value: string, signal?: AbortSignal) =>
  request<{ items: AssessmentSummary[]; total: number }>(`${base}/assessments`, { query: { week: value, limit: 50 }, signal });

export const getAssessment = (id: string, signal?: AbortSignal) =>
  request<Assessment>(`${base}/assessments/${encodeURIComponent(id)}`, { signal });

export const adjustUnit = (id: string, code: string, level: Level, reason: string) =>
  request<Result>(`${base}/assessments/${encodeURIComponent(id)}/units/${encodeURIComponent(code)}`, {
    method: 'PATCH',
    body: { level, reason },
  });

export const publishAssessment = (id: string, effectiveFrom: string) =>
  request<Assessment>(`${base}/assessments/${encodeURIComponent(id)}/publish`, { method: 'POST', body: { effectiveFrom } });

export const unitHistory = (code: string, signal?: AbortSignal) =>
  request<{ unitCode: string; items: PublishedLevel[] }>(`${base}/units/${encodeURIComponent(code)}/history`, {
    query: { limit: 200 },
    signal,
  });
