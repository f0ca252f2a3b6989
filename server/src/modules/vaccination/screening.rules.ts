// The pre-vaccination screening checklist (screening-checklist.json, checked at start) and the pure
// rules that derive, from the answers, which outcomes a screening may have. The service hands in the
// person's age; nothing here reads the database.
import fs from 'node:fs';
import { Value } from 'typebox/value';
import { type Static, Type } from 'typebox';

export const QuestionKind = Type.Union([Type.Literal('contraindication'), Type.Literal('postpone'), Type.Literal('precaution'), Type.Literal('info')]);
export type QuestionKind = Static<typeof QuestionKind>;

export const ChecklistQuestion = Type.Object({
  id: Type.String({ pattern: '^[a-z0-9_]{2,60}$' }),
  kind: QuestionKind,
  text: Type.Object({ vi: Type.String({ minLength: 1 }), en: Type.String({ minLength: 1 }) }),
  /** answered by the server: yes when the person's age reaches minAge */
  derived: Type.Optional(Type.Literal('age')),
  minAge: Type.Optional(Type.Integer({ minimum: 0, maximum: 150 })),
  /** also yes when this measurement reaches threshold */
  measure: Type.Optional(Type.Literal('temperatureC')),
  threshold: Type.Optional(Type.Number()),
}, { additionalProperties: false });
export type ChecklistQuestion = Static<typeof ChecklistQuestion>;

export const Checklist = Type.Object({
  _comment: Type.Optional(Type.Array(Type.String())),
  version: Type.String({ minLength: 1 }),
  source: Type.String({ minLength: 1 }),
  questions: Type.Array(ChecklistQuestion, { minItems: 1 }),
}, { additionalProperties: false });
export type Checklist = Static<typeof Checklist>;

export function parseChecklist(doc: unknown): Checklist {
  if (!Value.Check(Checklist, doc)) {
    throw new Error(`screening-checklist.json does not match its schema: ${[...Value.Errors(Checklist, doc)].map((e) => `${e.instancePath} ${e.message}`).join('; ')}`);
  }
  const problems: string[] = [];
  if (new Set(doc.questions.map((q) => q.id)).size !== doc.questions.length) problems.push('question ids must be unique');
  for (const q of doc.questions) {
    if ((q.derived === 'age') !== (q.minAge !== undefined)) problems.push(`${q.id}: derived "age" and minAge go together`);
    if ((q.measure !== undefined) !== (q.threshold !== undefined)) problems.push(`${q.id}: measure and threshold go together`);
  }
  if (problems.length > 0) throw new Error(`screening-checklist.json: ${problems.join('; ')}`);
  return doc;
}

/** A broken file stops the start rather than letting a wrong checklist screen people. */
export const CHECKLIST: Checklist = parseChecklist(JSON.parse(fs.readFileSync(new URL('./screening-checklist.json', import.meta.url), 'utf8')));

export type Assessment = 'fit' | 'precaution' | 'postpone' | 'contraindication';
export type Outcome = 'vaccinate' | 'postpone' | 'refer';

/** Strictest first: the assessment is the strictest kind answered yes. */
const STRICTNESS: readonly Assessment[] = ['contraindication', 'postpone', 'precaution', 'fit'];

/** What each assessment allows. A vaccinator may always be more careful (postpone or refer with a reason). */
export const ALLOWED: Record<Assessment, readonly Outcome[]> = {
  fit: ['vaccinate', 'postpone', 'refer'],
  precaution: ['refer', 'vaccinate', 'postpone'],
  postpone: ['postpone', 'refer'],
  contraindication: ['refer', 'postpone'],
};

export interface Finding {
  questionId: string;
  kind: QuestionKind;
  /** how the yes came about: answered, or derived from the age or a measurement */
  from: 'answer' | 'age' | 'temperatureC';
}

export interface Evaluation {
  /** every question's answer, derived ones included */
  answers: Record<string, boolean>;
  findings: Finding[];
  assessment: Assessment;
  allowedOutcomes: readonly Outcome[];
  /** problems with the answers themselves, by field (`answers.fever`) */
  problems: Record<string, string>;
}

/**
 * Checks the answers against the checklist and derives the assessment. Every question that is not
 * derived must be answered true or false; unknown questions are problems; a derived question's
 * answer, if sent, must agree with what the server derives.
 */
export function evaluate(checklist: Checklist, given: Record<string, boolean>, facts: { age: number; temperatureC?: number | undefined }): Evaluation {
  const problems: Record<string, string> = {};
  const known = new Set(checklist.questions.map((q) => q.id));
  for (const id of Object.keys(given)) if (!known.has(id)) problems[`answers.${id}`] = `is not a question of checklist ${checklist.version}`;
  const answers: Record<string, boolean> = {};
  const findings: Finding[] = [];
  for (const q of checklist.questions) {
    let value = given[q.id];
    let from: Finding['from'] = 'answer';
    if (q.derived === 'age') {
      const derived = facts.age >= q.minAge!;
      if (value !== undefined && value !== derived) problems[`answers.${q.id}`] = `is ${derived} for a person aged ${facts.age} (derived from the birth year)`;
      value = derived;
      from = 'age';
    } else if (q.measure === 'temperatureC' && facts.temperatureC !== undefined && facts.temperatureC >= q.threshold!) {
      if (value === false) problems[`answers.${q.id}`] = `cannot be false with temperatureC ${facts.temperatureC} (≥ ${q.threshold})`;
      if (value === undefined) from = 'temperatureC';
      value = true;
    } else if (value === undefined) {
      problems[`answers.${q.id}`] = 'is required: answer true or false';
      continue;
    }
    answers[q.id] = value;
    if (value && q.kind !== 'info') findings.push({ questionId: q.id, kind: q.kind, from });
  }
  const kinds = new Set(findings.map((f) => f.kind));
  const assessment = STRICTNESS.find((kind) => kind === 'fit' || kinds.has(kind)) ?? 'fit';
  return { answers, findings, assessment, allowedOutcomes: ALLOWED[assessment], problems };
}

export interface OutcomeChoice {
  outcome: Outcome;
  note?: string | undefined;
}

/**
 * Why the chosen outcome does not fit the assessment, as {field: reason}; null when it does.
 * A contraindication or a reason to postpone cannot be "vaccinate"; a precaution can only be
 * "vaccinate" with a note of the precautions taken.
 */
export function outcomeProblem(evaluation: Evaluation, choice: OutcomeChoice): Record<string, string> | null {
  const names = (kind: QuestionKind) => evaluation.findings.filter((f) => f.kind === kind).map((f) => `answers.${f.questionId}`).join(', ');
  if (!evaluation.allowedOutcomes.includes(choice.outcome)) {
    const kind = evaluation.assessment as QuestionKind;
    return { outcome: `cannot be ${choice.outcome}: ${names(kind)} ${kind === 'contraindication' ? 'is a contraindication' : 'requires postponing'}; allowed: ${evaluation.allowedOutcomes.join(', ')}` };
  }
  if (choice.outcome === 'vaccinate' && evaluation.assessment === 'precaution' && !choice.note?.trim()) {
    return { note: `is required to vaccinate despite a precaution (${names('precaution')}): say what precautions are taken, or refer to a hospital` };
  }
  return null;
}
