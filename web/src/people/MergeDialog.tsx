import { useState, type SubmitEvent } from 'react';
import { useI18n } from '../i18n';
import { useModalDialog } from '../lib/useModalDialog';
import { errorText } from '../lib/ui';
import { mergePeople } from './api';
import type { PairSide } from './DuplicatePairCard';
import { birthLabel } from './labels';

interface Props {
  survivor: PairSide;
  merged: PairSide;
  onDone: (movedRows: number) => void;
  onCancel: () => void;
}

/** Asks for the reason before merging `merged` into `survivor`; a modal <dialog> keeps focus inside. */
export function MergeDialog({ survivor, merged, onDone, onCancel }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const ref = useModalDialog();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();


  const describe = ({ person, letter }: PairSide) =>
    `${t('dup.record', { letter })} (${person.fullName}, ${birthLabel(person)})`;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const answer = await mergePeople(survivor.person.id, merged.person.id, reason.trim());
      onDone(Object.values(answer.moved).reduce((sum, count) => sum + count, 0));
    } catch (cause) {
      setError(cause);
      setBusy(false);
    }
  };

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="merge-title" onCancel={onCancel}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <h2 id="merge-title">{t('dup.confirmTitle')}</h2>
        <p>{t('dup.confirmText', { merged: describe(merged), survivor: describe(survivor) })}</p>
        {error !== undefined && (
          <p className="notice notice-error" role="alert">
            {errorText(error, i18n)}
          </p>
        )}
        <div className={missing ? 'field field-invalid' : 'field'}>
          <label htmlFor="merge-reason">{t('dup.reasonLabel')}</label>
          <textarea
            id="merge-reason"
            rows={3}
            value={reason}
            aria-invalid={missing}
            aria-describedby={missing ? 'merge-reason-error' : undefined}
            onChange={(e) => {
              setReason(e.target.value);
              setMissing(false);
            }}
          />
          {missing && (
            <p id="merge-reason-error" className="field-error">
              {t('dup.reasonRequired')}
            </p>
          )}
        </div>
        <div className="actions">
          <button type="submit" className="button-danger" disabled={busy}>
            {busy ? t('common.saving') : t('dup.confirm')}
          </button>
          <button type="button" className="button-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
