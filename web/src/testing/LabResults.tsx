// Entering a tube's result (positive, negative, invalid; Ct values by gene) and looking at its
// history. The same result twice is a repeat; a different one is a correction and needs a reason
// (the server answers 409 without one, and the form then asks for it).
import { useState, type SubmitEvent } from 'react';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n';
import { ApiError } from '../lib/api';
import { ErrorNotice, Field, SuccessNotice } from '../lib/ui';
import { normaliseBarcode } from './codes';
import { enterResult, TUBE_OUTCOMES, type ResultOutcome, type TubeOutcome } from './labApi';
import { labProblemText } from './labProblems';
import { TubeHistory } from './TubeHistory';

const GENES = ['N', 'ORF1ab', 'E'] as const;

function ctProblem(text: string): boolean {
  if (text.trim() === '') return false;
  const value = Number(text.replace(',', '.'));
  return !Number.isFinite(value) || value < 0 || value > 50;
}

export function LabResults() {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const canEnter = can('testing:lab');
  const [barcode, setBarcode] = useState('');
  const [shown, setShown] = useState('');
  const [outcome, setOutcome] = useState<TubeOutcome | ''>('');
  const [ct, setCt] = useState<Record<string, string>>({});
  const [correcting, setCorrecting] = useState(false);
  const [reason, setReason] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<ResultOutcome | null>(null);
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState(false);

  const show = () => {
    const code = normaliseBarcode(barcode);
    setFields(code ? {} : { barcode: t('tubes.badBarcode') });
    if (code) setShown(code);
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const code = normaliseBarcode(barcode);
    const problems: Record<string, string> = {};
    if (!code) problems.barcode = t('tubes.badBarcode');
    if (!outcome) problems.outcome = t('lab.chooseOutcome');
    for (const gene of GENES) if (ctProblem(ct[gene] ?? '')) problems[`ct.${gene}`] = t('lab.ctInvalid');
    if (correcting && reason.trim().length < 3) problems.reason = t('lab.reasonRequired');
    setFields(problems);
    setError(undefined);
    setDone(null);
    if (Object.keys(problems).length > 0 || !code || !outcome) return;
    const ctValues = Object.fromEntries(GENES.filter((g) => (ct[g] ?? '').trim() !== '').map((g) => [g, Number((ct[g] ?? '').replace(',', '.'))]));
    setBusy(true);
    try {
      const result = await enterResult({
        barcode: code, outcome,
        ...(Object.keys(ctValues).length > 0 ? { ctValues } : {}),
        ...(correcting ? { correction: { reason: reason.trim() } } : {}),
      });
      setDone(result);
      setShown(code);
      setVersion((v) => v + 1);
      setCorrecting(false);
      setReason('');
      setOutcome('');
      setCt({});
    } catch (cause) {
      // a different result than the current one: ask why it is corrected
      if (cause instanceof ApiError && cause.status === 409 && !correcting && /correction/.test(cause.message + JSON.stringify(cause.fields))) {
        setCorrecting(true);
        setShown(code);
        setFields({ reason: t('lab.needsCorrection') });
      } else {
        const named = cause instanceof ApiError ? Object.entries(cause.fields) : [];
        setFields(Object.fromEntries(named.map(([field, reason]) => [field, labProblemText(reason, t, lang)])));
        if (named.length === 0) setError(cause);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="lab-results">
      {canEnter && (
        <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="result-form-title" data-testid="result-form">
          <h2 id="result-form-title">{correcting ? t('lab.correctTitle') : t('lab.enterTitle')}</h2>
          <Field id="result-barcode" label={t('tubes.barcode')} error={fields.barcode}>
            {(d) => (
              <div className="search-row">
                <input id="result-barcode" value={barcode} autoComplete="off" autoCapitalize="characters" aria-describedby={d} onChange={(e) => setBarcode(e.target.value)} />
                <button type="button" className="button-secondary" onClick={show}>{t('lab.showHistory')}</button>
              </div>
            )}
          </Field>
          <fieldset className="outcome-choice" aria-describedby={fields.outcome ? 'result-outcome-error' : undefined}>
            <legend className="visually-hidden">{t('lab.outcome')}</legend>
            {TUBE_OUTCOMES.map((o) => (
              <label key={o}>
                <input type="radio" name="result-outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} />
                {t(`testing.outcome.${o}`)}
              </label>
            ))}
          </fieldset>
          {fields.outcome && <p id="result-outcome-error" className="field-error">{fields.outcome}</p>}
          <div className="ct-row">
            {GENES.map((gene) => (
              <Field key={gene} id={`result-ct-${gene}`} label={t('lab.ct', { gene })} error={fields[`ct.${gene}`] ?? fields[`ctValues.${gene}`]}>
                {(d) => <input id={`result-ct-${gene}`} inputMode="decimal" value={ct[gene] ?? ''} aria-describedby={d} onChange={(e) => setCt({ ...ct, [gene]: e.target.value })} />}
              </Field>
            ))}
          </div>
          {correcting && (
            <Field id="result-reason" label={t('lab.correctionReasonLabel')} hint={t('lab.correctionHint')} error={fields.reason ?? fields['correction.reason']}>
              {(d) => <input id="result-reason" value={reason} maxLength={500} aria-describedby={d} onChange={(e) => setReason(e.target.value)} />}
            </Field>
          )}
          {error !== undefined && <ErrorNotice error={error} />}
          {done && (
            <SuccessNotice>
              <span data-testid="result-saved">
                {done.repeat ? t('lab.savedRepeat', { barcode: done.barcode }) : t('lab.saved', { barcode: done.barcode, people: done.people })}
                {done.retests.length > 0 && ` ${t('lab.retestsPlanned', { count: done.retests.length })} (${done.retests.join(', ')})`}
                {done.caseProposals > 0 && ` ${t('lab.proposalsOpened', { count: done.caseProposals })}`}
              </span>
            </SuccessNotice>
          )}
          <div className="actions">
            <button type="submit" className="button-primary" disabled={busy}>{busy ? t('common.saving') : correcting ? t('lab.saveCorrection') : t('lab.save')}</button>
            {correcting && <button type="button" className="button-secondary" onClick={() => { setCorrecting(false); setFields({}); }}>{t('common.cancel')}</button>}
          </div>
        </form>
      )}
      {!canEnter && (
        <form className="card search-row" onSubmit={(e) => { e.preventDefault(); show(); }}>
          <label htmlFor="history-barcode">{t('tubes.barcode')}</label>
          <input id="history-barcode" value={barcode} onChange={(e) => setBarcode(e.target.value)} />
          <button type="submit" className="button-secondary">{t('lab.showHistory')}</button>
          {fields.barcode && <p className="field-error">{fields.barcode}</p>}
        </form>
      )}
      {shown && (
        <TubeHistory
          key={shown}
          barcode={shown}
          version={version}
          onCorrect={canEnter ? () => { setBarcode(shown); setCorrecting(true); setDone(null); } : undefined}
        />
      )}
    </div>
  );
}
