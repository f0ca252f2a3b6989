// The priority groups of vaccination: configuration data in priority-groups.json, checked at start
// (a broken file stops the start rather than inviting people in the wrong order).
import fs from 'node:fs';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';

const GroupCode = Type.String({ pattern: '^[a-z0-9_]{2,40}$' });

export const PriorityGroup = Type.Object({
  code: GroupCode,
  /** 1 first: invitations go out in this order */
  order: Type.Integer({ minimum: 1, maximum: 100 }),
  vi: Type.String({ minLength: 1, maxLength: 300 }),
  en: Type.String({ minLength: 1, maxLength: 300 }),
  /** the youngest age (full years) the group admits, e.g. 65 for the elderly */
  minAge: Type.Optional(Type.Integer({ minimum: 0, maximum: 120 })),
  sex: Type.Optional(Type.Union([Type.Literal('male'), Type.Literal('female')])),
  /** false: listed, but not open for registration yet (pregnant women until the Ministry allows it) */
  enabled: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
export type PriorityGroup = Static<typeof PriorityGroup>;

const GroupsFile = Type.Object({ source: Type.String({ minLength: 1 }), groups: Type.Array(PriorityGroup, { minItems: 1 }) }, { additionalProperties: false });

export function parsePriorityGroups(doc: unknown): PriorityGroup[] {
  if (!Value.Check(GroupsFile, doc)) {
    throw new Error(`priority-groups.json does not match its schema: ${[...Value.Errors(GroupsFile, doc)].map((e) => `${e.instancePath} ${e.message}`).join('; ')}`);
  }
  const codes = new Set(doc.groups.map((group) => group.code));
  const orders = new Set(doc.groups.map((group) => group.order));
  if (codes.size !== doc.groups.length) throw new Error('priority-groups.json: group codes must be unique');
  if (orders.size !== doc.groups.length) throw new Error('priority-groups.json: group orders must be unique');
  return [...doc.groups].sort((a, b) => a.order - b.order);
}

export const PRIORITY_GROUPS: readonly PriorityGroup[] = parsePriorityGroups(JSON.parse(fs.readFileSync(new URL('./priority-groups.json', import.meta.url), 'utf8')));
const BY_CODE = new Map(PRIORITY_GROUPS.map((group) => [group.code, group]));

export const priorityGroup = (code: string) => BY_CODE.get(code);

/** Full years between a birth date (or, without one, the 1st of January of the birth year) and a day. */
export function ageOn(day: string, birthDate: string | null, birthYear: number): number {
  const born = birthDate ?? `${birthYear}-01-01`;
  const years = Number(day.slice(0, 4)) - Number(born.slice(0, 4));
  return day.slice(5) < born.slice(5) ? years - 1 : years;
}

/** Why this person may not register in that group, or null. */
export function groupProblem(code: string, person: { birthDate: string | null; birthYear: number; sex: string | null }, today: string): string | null {
  const group = BY_CODE.get(code);
  if (!group) return `unknown priority group ${code}; known: ${PRIORITY_GROUPS.map((g) => g.code).join(', ')}`;
  if (group.enabled === false) return `the group ${code} is not open for registration yet`;
  if (group.minAge !== undefined && ageOn(today, person.birthDate, person.birthYear) < group.minAge) return `the group ${code} is for people aged ${group.minAge} or over`;
  if (group.sex && person.sex !== group.sex) return `the group ${code} is for ${group.sex === 'female' ? 'women' : 'men'}`;
  return null;
}
