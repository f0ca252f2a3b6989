// /me: "tell me on this phone": Web Push for the installed app, linked to the personal code. Shown only
// where the browser can receive pushes and the phone has its code.
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n';
import { ErrorNotice } from '../lib/ui';
import { currentSubscription, pushSupported, subscribePush, unsubscribePush } from './push';

type State = 'unknown' | 'off' | 'on' | 'denied' | 'busy';

export function PushOptIn({ personCode }: { personCode: string }) {
  const { t, lang } = useI18n();
  const [state, setState] = useState<State>('unknown');
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    if (!pushSupported()) return;
    if (Notification.permission === 'denied') {
      setState('denied');
      return;
    }
    currentSubscription().then((s) => setState(s ? 'on' : 'off'), () => setState('off'));
  }, []);

  if (state === 'unknown') return null;
  const turnOn = async () => {
    setState('busy');
    setError(undefined);
    try {
      setState((await subscribePush(personCode, lang)) === 'denied' ? 'denied' : 'on');
    } catch (cause) {
      setError(cause);
      setState('off');
    }
  };
  const turnOff = async () => {
    setState('busy');
    try {
      await unsubscribePush();
      setState('off');
    } catch (cause) {
      setError(cause);
      setState('on');
    }
  };
  return (
    <section className="checkin-card" aria-labelledby="push-title" data-testid="push-opt-in">
      <h2 id="push-title">{t('checkin.push.title')}</h2>
      <p className="muted">{t('checkin.push.intro')}</p>
      {state === 'denied' && <p className="notice notice-info">{t('checkin.push.denied')}</p>}
      {state === 'on' && <p role="status">{t('checkin.push.on')}</p>}
      {(state === 'off' || state === 'busy') && (
        <button type="button" className="button-primary checkin-big-button" disabled={state === 'busy'} onClick={() => void turnOn()}>{t('checkin.push.turnOn')}</button>
      )}
      {state === 'on' && <button type="button" className="button-secondary" onClick={() => void turnOff()}>{t('checkin.push.turnOff')}</button>}
      {error !== undefined && <ErrorNotice error={error} />}
    </section>
  );
}
