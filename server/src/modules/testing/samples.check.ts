// The checks of sample items that need no database, and how problems are named and refused: a batch
// names `items[3].tubeBarcode`, a single scan names `tubeBarcode`.
import { AppError, type FieldErrors, conflict, validationFailed } from '../../platform/errors.js';
import type { CodeSigner } from '../checkins/codes.js';
import { nationalIdProblem } from '../people/identity.js';
import { isIssuedBarcode, serialOf } from './barcodes.js';
import type { SampleItem } from './collection.schema.js';
import type { PersonField } from './samples.people.js';

export type Named = (i: number, field: string) => string;
export const itemField: Named = (i, field) => `items[${i}].${field}`;
export const bareField: Named = (_i, field) => field;

/** Problems of one kind, by field; refused all at once so the collector sees every bad scan. */
export class Problems {
  readonly fields: FieldErrors = {};
  constructor(private readonly name: Named) {}
  note(i: number, field: string, reason: string) {
    this.fields[this.name(i, field)] ??= reason;
  }
  get any() {
    return Object.keys(this.fields).length > 0;
  }
  private summary(what: string) {
    const entries = Object.entries(this.fields);
    return `nothing was recorded: ${entries.length} ${what}; ${entries.slice(0, 5).map(([f, r]) => `${f}: ${r}`).join('; ')}`;
  }
  throwInvalid() {
    if (this.any) throw validationFailed(this.fields, this.summary('problem(s)'));
  }
  throwConflict() {
    if (this.any) throw conflict(this.summary('conflict(s)'), this.fields);
  }
  throwNotFound() {
    if (this.any) throw new AppError('not_found', this.summary('unknown record(s)'), this.fields);
  }
}

/** Scans may be up to a few minutes ahead of the server's clock; later is a typing or clock error. */
const CLOCK_SKEW_MS = 5 * 60_000;

export interface CheckedItem {
  index: number;
  item: SampleItem;
  personField: PersonField;
  /** decoded from personCode */
  codedPersonId: string | null;
  sampledAt: Date;
}

/** The field naming the person, its decoded code, and the problems found without the database. */
/** `lastSerial`: the highest Vigil barcode serial issued so far (lastIssuedSerial). */
export function checkItems(items: readonly SampleItem[], signer: CodeSigner, lastSerial: number, name: Named): CheckedItem[] {
  const problems = new Problems(name);
  const now = Date.now();
  const checked = items.map((item, i): CheckedItem => {
    const given = (['personId', 'personCode', 'nationalId', 'walkIn'] as const).filter((field) => item[field] !== undefined);
    if (given.length !== 1) problems.note(i, 'personId', 'give exactly one of personId, personCode, nationalId or walkIn');
    const personField = given[0] ?? 'personId';
    let codedPersonId: string | null = null;
    if (item.personCode !== undefined) {
      codedPersonId = signer.verify(item.personCode, 'person')?.id ?? null;
      if (!codedPersonId) problems.note(i, 'personCode', 'is not a valid personal code (forged, altered or mistyped)');
    }
    if (item.nationalId !== undefined) {
      const problem = nationalIdProblem(item.nationalId);
      if (problem) problems.note(i, 'nationalId', problem);
    }
    const sampledAt = new Date(item.sampledAt);
    if (sampledAt.getTime() > now + CLOCK_SKEW_MS) problems.note(i, 'sampledAt', 'is in the future');
    if (/^VG[0-9]{10}$/.test(item.tubeBarcode)) {
      if (!isIssuedBarcode(item.tubeBarcode)) problems.note(i, 'tubeBarcode', 'has a wrong check digit (mistyped?)');
      // a code above the last one printed would later collide with a label or retest tube the system issues
      else if (serialOf(item.tubeBarcode)! > lastSerial) problems.note(i, 'tubeBarcode', 'was never issued on a Vigil label (mistyped?)');
    }
    (item.represents ?? []).forEach((id, j) => {
      if (item.represents!.indexOf(id) !== j) problems.note(i, `represents[${j}]`, 'appears twice');
      if (id === item.personId || id === codedPersonId) problems.note(i, `represents[${j}]`, 'is the sampled member themselves');
    });
    return { index: i, item, personField, codedPersonId, sampledAt };
  });
  problems.throwInvalid();
  return checked;
}
