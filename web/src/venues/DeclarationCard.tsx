// One health declaration as staff see it: the triage flag first, then why, the person, symptoms and journey.
import { useI18n, type MessageKey, type Translate } from '../i18n';
import { formatDate, formatDateTime, formatPhone } from '../lib/format';
import type { Declaration, Flag } from './declarationsApi';

const SYMPTOMS = ['fever', 'cough', 'shortness_of_breath', 'sore_throat', 'loss_of_taste_or_smell', 'fatigue', 'muscle_pain', 'headache', 'runny_nose', 'diarrhoea', 'none'] as const;
const REASONS = ['symptoms', 'contact_with_case', 'other_symptoms', 'outbreak_area', 'not_vaccinated'] as const;
const VACCINATIONS = ['none', 'one_dose', 'full', 'booster', 'unknown'] as const;
const VEHICLES = ['car', 'motorbike', 'bus', 'truck', 'boat', 'other'] as const;

/** A value the server may extend (rules are data): translated when known, shown as sent otherwise. */
function known<T extends string>(list: readonly T[], value: string, key: (v: T) => MessageKey, t: Translate): string {
  return (list as readonly string[]).includes(value) ? t(key(value as T)) : value.replace(/_/g, ' ');
}

export function FlagBadge({ flag }: { flag: Flag }) {
  const { t } = useI18n();
  return <span className={`decl-flag decl-flag-${flag}`}>{t(`staffDecl.flag.${flag}`)}</span>;
}

export function reasonText(reason: string, t: Translate): string {
  return known(REASONS, reason, (r) => `staffDecl.reason.${r}`, t);
}

export function DeclarationCard({ declaration: d, onClose }: { declaration: Declaration; onClose?: () => void }) {
  const { t } = useI18n();
  const symptoms = d.symptoms.map((s) => known(SYMPTOMS, s, (v) => `staffDecl.symptom.${v}`, t)).join(', ');
  return (
    <article className={`card decl-card decl-card-${d.flag}`} data-testid="declaration-card" aria-labelledby={`decl-${d.id}`}>
      <header className="decl-card-head">
        <FlagBadge flag={d.flag} />
        <h2 id={`decl-${d.id}`}>{d.person.fullName}</h2>
      </header>
      {d.reasons.length > 0 && (
        <ul className="decl-reasons">
          {d.reasons.map((reason) => <li key={reason}>{reasonText(reason, t)}</li>)}
        </ul>
      )}
      <dl className="details decl-details">
        <div><dt>{t('staffDecl.birthYear')}</dt><dd>{d.person.birthYear}</dd></div>
        {d.person.phone && <div><dt>{t('staffDecl.phone')}</dt><dd>{formatPhone(d.person.phone)}</dd></div>}
        {d.person.nationalId && <div><dt>{t('staffDecl.nationalId')}</dt><dd className="mono">{d.person.nationalId}</dd></div>}
        <div><dt>{t('staffDecl.symptoms')}</dt><dd>{symptoms}</dd></div>
        <div><dt>{t('staffDecl.contact')}</dt><dd>{d.contactWithCase ? t('common.yes') : t('common.no')}</dd></div>
        <div><dt>{t('staffDecl.outbreakArea')}</dt><dd>{d.beenToOutbreakArea ? t('common.yes') : t('common.no')}</dd></div>
        <div><dt>{t('staffDecl.vaccination')}</dt><dd>{known(VACCINATIONS, d.vaccination, (v) => `staffDecl.vaccination.${v}`, t)}</dd></div>
        {d.visitedPlaces && <div className="form-wide"><dt>{t('staffDecl.visited')}</dt><dd>{d.visitedPlaces}</dd></div>}
        {d.entry && (
          <>
            <div><dt>{t('staffDecl.direction')}</dt><dd>{d.entry.direction === 'in' ? t('staffDecl.direction.in') : t('staffDecl.direction.out')}</dd></div>
            <div><dt>{t('staffDecl.journey')}</dt><dd>{d.entry.origin} → {d.entry.destination}</dd></div>
            <div>
              <dt>{t('staffDecl.vehicle')}</dt>
              <dd>{known(VEHICLES, d.entry.vehicle, (v) => `staffDecl.vehicle.${v}`, t)}{d.entry.plate ? ` · ${d.entry.plate}` : ''}</dd>
            </div>
          </>
        )}
        {d.travelDate && <div><dt>{t('staffDecl.travelDate')}</dt><dd>{formatDate(d.travelDate)}</dd></div>}
        <div><dt>{t('staffDecl.declaredAt')}</dt><dd>{formatDateTime(d.declaredAt)}</dd></div>
        {(d.presentedVenue ?? d.venue) && <div><dt>{t('staffDecl.where')}</dt><dd>{(d.presentedVenue ?? d.venue)?.name}</dd></div>}
      </dl>
      {onClose && (
        <div className="actions">
          <button type="button" className="button-secondary" onClick={onClose}>{t('staffDecl.done')}</button>
        </div>
      )}
    </article>
  );
}
