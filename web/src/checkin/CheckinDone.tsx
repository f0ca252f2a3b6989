// After a check-in: where and when, one tap to check out, and when it ends by itself.
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n';
import { ErrorNotice } from '../lib/ui';
import { selfCheckout, type OwnCheckin } from './api';
import { rememberCheckins, store } from './storage';
import { formatTime, formatTimeDay } from './time';

/** Checks out of one's own check-in and keeps the answer on the phone. */
export async function checkOut(checkin: OwnCheckin): Promise<void> {
  const personCode = store().me?.personCode;
  if (!personCode) throw new Error('no personal code');
  rememberCheckins([await selfCheckout(checkin.id, personCode)]);
}

export function CheckinDone({ checkin }: { checkin: OwnCheckin }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const out = checkin.checkedOutAt;

  useEffect(() => heading.current?.focus(), [out]);

  const leave = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await checkOut(checkin);
    } catch (cause) {
      setError(cause);
    }
    setBusy(false);
  };

  return (
    <section className={out ? 'checkin-done checkin-done-out' : 'checkin-done'} aria-labelledby="checkin-done-title" data-testid="checkin-done">
      <h2 id="checkin-done-title" ref={heading} tabIndex={-1}>
        <span className="checkin-tick" aria-hidden="true">
          ✓
        </span>
        {out ? t('checkin.doneOut') : t('checkin.doneIn')}
      </h2>
      <p className="checkin-done-venue">{checkin.venue.name}</p>
      <dl className="checkin-times">
        <div>
          <dt>{t('checkin.inAt')}</dt>
          <dd data-testid="checkin-time">{formatTimeDay(checkin.checkedInAt)}</dd>
        </div>
        {out && (
          <div>
            <dt>{t('checkin.outAt')}</dt>
            <dd data-testid="checkout-time">{formatTimeDay(out)}</dd>
          </div>
        )}
      </dl>
      {!out && (
        <>
          <button type="button" className="button-secondary checkin-big-button" disabled={busy} onClick={() => void leave()}>
            {busy ? t('checkin.checkingOut') : t('checkin.checkOut')}
          </button>
          <p className="checkin-note" data-testid="auto-checkout">
            {t('checkin.autoOut', { time: formatTime(checkin.endsAt), minutes: checkin.venue.defaultDwellMinutes })}
          </p>
        </>
      )}
      {error !== undefined && <ErrorNotice error={error} onRetry={() => void leave()} />}
    </section>
  );
}
