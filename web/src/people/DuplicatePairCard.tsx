import { useI18n } from '../i18n';
import { formatDateTime, formatPhone } from '../lib/format';
import { Link } from '../lib/router';
import { unitLabel, useUnits } from '../units/UnitsProvider';
import type { DuplicatePair, Person } from './api';
import { birthLabel, sexLabel } from './labels';

/** One side of a merge: the record and the letter it carries on screen ("A" or "B"). */
export interface PairSide {
  person: Person;
  letter: 'A' | 'B';
}

interface Props {
  pair: DuplicatePair;
  index: number;
  busy: boolean;
  onMerge: (survivor: PairSide, merged: PairSide) => void;
  onDismiss: () => void;
}

/** Facts compared for highlighting: all but the creation time, which is listed last. */
const SAME_CHECKED = 6;

export function DuplicatePairCard({ pair, index, busy, onMerge, onDismiss }: Props) {
  const { t } = useI18n();
  const { byCode } = useUnits();
  const titleId = `pair-${pair.a.id}-${pair.b.id}`;

  const facts = (person: Person): [string, string][] => [
    [t('people.col.nationalId'), person.nationalId ?? '—'],
    [t('people.col.birth'), birthLabel(person)],
    [t('people.col.sex'), sexLabel(person.sex, t)],
    [t('people.col.phone'), formatPhone(person.phone) || '—'],
    [t('person.address'), person.address ?? '—'],
    [t('person.commune'), unitLabel(byCode.get(person.communeCode), byCode) || person.communeCode],
    [t('person.createdAt'), formatDateTime(person.createdAt)],
  ];
  const a: PairSide = { person: pair.a, letter: 'A' };
  const b: PairSide = { person: pair.b, letter: 'B' };
  const factsA = facts(pair.a);
  const factsB = facts(pair.b);

  const column = (side: PairSide, other: PairSide, mine: [string, string][], theirs: [string, string][]) => (
    <div className="pair-side">
      <p className="pair-letter">{t('dup.record', { letter: side.letter })}</p>
      <h3>
        <Link to={`/people/${side.person.id}`}>{side.person.fullName}</Link>
      </h3>
      <dl className="details details-compact">
        {mine.map(([label, value], i) => (
          <div key={label} className={i < SAME_CHECKED && theirs[i]?.[1] === value && value !== '—' ? 'same' : undefined}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="button-primary" disabled={busy} onClick={() => onMerge(side, other)}>
        {t('dup.mergeInto')}
        <span className="visually-hidden"> ({t('dup.record', { letter: side.letter })})</span>
      </button>
    </div>
  );

  return (
    <article className="card pair" aria-labelledby={titleId} data-testid="duplicate-pair">
      <h2 id={titleId}>{t('dup.pair', { n: index })}</h2>
      <p>
        <span className="muted">{t('dup.reasons')}: </span>
        {pair.reasons.map((reason) => (
          <span key={reason} className="chip">
            {t(`dup.reason.${reason}`)}
          </span>
        ))}
      </p>
      <div className="pair-sides">
        {column(a, b, factsA, factsB)}
        {column(b, a, factsB, factsA)}
      </div>
      <div className="actions">
        <button type="button" className="button-secondary" disabled={busy} onClick={onDismiss}>
          {t('dup.notDuplicate')}
        </button>
      </div>
    </article>
  );
}
