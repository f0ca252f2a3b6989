// The DCC payload's schema (EU DCC JSON schema 1.3.0: types, required fields, patterns, lengths,
// entries of one kind) as TypeBox, plus two plausibility rules the Dutch test vectors expect (a
// birth date not after issue; a name that has a transliteration). Value sets (vaccine codes, test
// devices, countries) are not checked: the schema only names them, and foreign issuers add codes.
//
// Two strengths. Reading (the default) follows JSON Schema 2020-12, where `format` is an annotation,
// not an assertion, and allows several entries of the one kind (schemas before 1.3.0 did; Romania's
// and Slovakia's vectors hold two doses): Poland's vectors write `dt` as a date-time and expect it
// valid. Issuing (`strict`) asserts the formats and one entry, so Vigil writes what 1.3.0 asks.
import { Type, type Static, type TSchema } from 'typebox';
import { Compile } from 'typebox/compile';

function dccSchema(strict: boolean) {
  const Text = (maxLength: number) => Type.String({ maxLength });
  const Transliterated = Type.String({ pattern: '^[A-Z<]*$', maxLength: 80 });
  const Country = Type.String({ pattern: '[A-Z]{1,10}' });
  const DoseNumber = Type.Integer({ minimum: 1 });
  const FullDate = strict ? Type.String({ format: 'date' }) : Type.String();
  const DateTime = strict ? Type.String({ format: 'date-time' }) : Type.String();
  const Entries = <T extends TSchema>(entry: T) => Type.Optional(Type.Array(entry, strict ? { minItems: 1, maxItems: 1 } : { minItems: 1 }));
  return Type.Object({
    ver: Type.String({ pattern: '^\\d+.\\d+.\\d+$' }),
    nam: Type.Object({ fn: Type.Optional(Text(80)), fnt: Type.Optional(Transliterated), gn: Type.Optional(Text(80)), gnt: Type.Optional(Transliterated) }),
    // a full date, a year and month, or a year, in 1900–2099 (empty when unknown)
    dob: Type.String({ pattern: '^((19|20)\\d\\d(-\\d\\d){0,2}){0,1}$' }),
    v: Entries(Type.Object({
      tg: Type.String(), vp: Type.String(), mp: Type.String(), ma: Type.String(),
      dn: DoseNumber, sd: DoseNumber, dt: FullDate, co: Country, is: Text(80), ci: Text(80),
    })),
    t: Entries(Type.Object({
      tg: Type.String(), tt: Type.String(), nm: Type.Optional(Text(80)), ma: Type.Optional(Type.String()),
      sc: DateTime, tr: Type.String(), tc: Type.Optional(Text(80)), co: Country, is: Text(80), ci: Text(80),
    })),
    r: Entries(Type.Object({ tg: Type.String(), fr: FullDate, co: Country, is: Text(80), df: FullDate, du: FullDate, ci: Text(80) })),
  });
}

const reading = Compile(dccSchema(false));
const issuing = Compile(dccSchema(true));
export type DccBySchema = Static<ReturnType<typeof dccSchema>>;

export interface SchemaOptions {
  /** when the certificate was issued (its iat): a birth date after it is refused; default now */
  issuedAt?: Date;
  /** assert formats and a single entry, as Vigil does for what it issues */
  strict?: boolean;
}

/** Every problem of a DCC payload, as "/path: message"; empty when it follows the schema. */
export function dccSchemaProblems(value: unknown, options: SchemaOptions = {}): string[] {
  const schema = options.strict ? issuing : reading;
  if (!schema.Check(value)) return [...schema.Errors(value)].map((error) => `${error.instancePath || '/'}: ${error.message}`);
  const dcc = value;
  const problems: string[] = [];
  const kinds = (['v', 't', 'r'] as const).filter((kind) => dcc[kind] !== undefined);
  if (kinds.length !== 1) problems.push(`/: holds ${kinds.length ? kinds.join(', ') : 'no'} entries; a DCC holds vaccination, test or recovery entries, one kind`);
  if (dcc.nam.fnt === undefined && dcc.nam.gnt === undefined) problems.push('/nam: needs fnt or gnt');
  // a name that cannot be transliterated (emoji) leaves the machine-readable name empty
  for (const [name, transliterated] of [['fn', 'fnt'], ['gn', 'gnt']] as const) {
    if (dcc.nam[name]?.trim() && dcc.nam[transliterated] === '') problems.push(`/nam/${transliterated}: is empty while ${name} is not`);
  }
  // a partial birth date (a year, a year and month) is after the issue when its first day is
  const dobFirstDay = dcc.dob ? Date.parse(`${dcc.dob}${'-01'.repeat(2 - (dcc.dob.match(/-/g)?.length ?? 0))}T00:00:00Z`) : NaN;
  if (dobFirstDay > (options.issuedAt ?? new Date()).getTime()) problems.push('/dob: is after the certificate was issued');
  return problems;
}
