// Retests planned after a positive (or invalid) pool or representative sample, not yet made: the
// lab's list of kept aliquots to test singly, and the field team's list of people to sample again.
// The list names people, so it is read with a reason (audited).
import { useState, type SubmitEvent } from 'react';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n';
import { formatDateTime, formatPhone } from '../lib/format';
import { ErrorNotice, Field, Loading, Pagination } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { unitLabel, useUnits } from '../units/UnitsProvider';
import { confirmResampled, listRetests, type Retest } from './labApi';

const PAGE_SIZE = 20;

function RetestCard({ retest, onChanged }: { retest: Retest; onChanged: () => void }) {
  const { t } = useI18n();
  const { can } = useSession();
  const { byCode } = useUnits();
  const [error, setError] = useState<unknown>();
  const resampled = async () => {
    setError(undefined);
    try {
      await confirmResampled(retest.barcode);
      onChanged();
    } catch (cause) {
      setError(cause);
    }
  };
  return (
    <li className="card" data-testid="retest" data-barcode={retest.barcode} data-parent={retest.parentBarcode}>
      <h3>
        <span className="mono">{retest.barcode}</span> · {t(`testing.origin.${retest.origin}`)} · {t(`testing.tubeKind.${retest.kind}`)}
      </h3>
      <p className="muted">
        {t('lab.retestOf', { barcode: retest.parentBarcode, outcome: retest.parentOutcome ? t(`testing.outcome.${retest.parentOutcome}`) : '' })}
        {' · '}{t(`testing.testType.${retest.testType}`)} · {formatDateTime(retest.plannedAt)}
      </p>
      <ul className="retest-people">
        {retest.people.map((p) => (
          <li key={p.personId}>
            <strong>{p.fullName}</strong> ({p.birthYear}){p.role === 'represented' ? ` · ${t('lab.wasRepresented')}` : ''}
            {p.address && ` · ${p.address}`} · {unitLabel(byCode.get(p.communeCode), byCode)}
            {p.phone && ` · ${formatPhone(p.phone)}`}
          </li>
        ))}
      </ul>
      {error !== undefined && <ErrorNotice error={error} />}
      {retest.origin === 'resample' && can('testing:collect') && (
        <div className="actions">
          <button type="button" className="button-secondary" onClick={() => void resampled()}>{t('lab.resampled')}</button>
        </div>
      )}
    </li>
  );
}

export function LabRetests() {
  const { t } = useI18n();
  const [origin, setOrigin] = useState<'resample' | 'aliquot'>('resample');
  const [reason, setReason] = useState('');
  const [asked, setAsked] = useState('');
  const [offset, setOffset] = useState(0);
  const [invalid, setInvalid] = useState(false);
  const retests = useAsync(
    (signal) => (asked ? listRetests({ origin, reason: asked, limit: PAGE_SIZE, offset }, signal) : Promise.resolve(null)),
    [origin, asked, offset],
  );

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const bad = reason.trim().length < 3;
    setInvalid(bad);
    if (!bad) {
      setOffset(0);
      setAsked(reason.trim());
    }
  };

  const items = retests.data?.items ?? [];
  return (
    <div data-testid="lab-retests">
      <form className="card" onSubmit={submit} noValidate>
        <h2>{t('lab.retestsTitle')}</h2>
        <div className="testing-form-grid">
          <Field id="retests-origin" label={t('lab.retestsOrigin')}>
            {(d) => (
              <select id="retests-origin" value={origin} aria-describedby={d} onChange={(e) => { setOffset(0); setOrigin(e.target.value as 'resample' | 'aliquot'); }}>
                <option value="resample">{t('lab.retestsResample')}</option>
                <option value="aliquot">{t('lab.retestsAliquot')}</option>
              </select>
            )}
          </Field>
          <Field id="retests-reason" label={t('tubes.reason')} hint={t('lab.retestsReasonHint')} error={invalid ? t('tubes.reasonRequired') : undefined}>
            {(d) => <input id="retests-reason" value={reason} maxLength={500} aria-describedby={d} onChange={(e) => setReason(e.target.value)} />}
          </Field>
        </div>
        <div className="actions"><button type="submit" className="button-primary">{t('lab.retestsShow')}</button></div>
      </form>
      {retests.error !== undefined && <ErrorNotice error={retests.error} onRetry={retests.reload} />}
      {retests.loading && asked && <Loading />}
      {retests.data && items.length === 0 && <p className="muted">{t('lab.retestsNone')}</p>}
      {items.length > 0 && <ul className="plain-list" data-testid="retests-list">{items.map((r) => <RetestCard key={r.id} retest={r} onChanged={retests.reload} />)}</ul>}
      {retests.data && retests.data.total > PAGE_SIZE && <Pagination total={retests.data.total} limit={PAGE_SIZE} offset={offset} onOffset={setOffset} />}
    </div>
  );
}
