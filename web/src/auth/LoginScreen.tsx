import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import { useI18n } from '../i18n';
import { errorText } from '../lib/ui';
import { login } from './api';
import { useSession } from './session';

export default function LoginScreen() {
  const i18n = useI18n();
  const { t } = i18n;
  const { signIn, expired } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const usernameRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = `${t('auth.signIn')} · Vigil`;
    usernameRef.current?.focus();
  }, [t]);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const answer = await login(username.trim(), password);
      signIn(answer.token, answer.user);
    } catch (cause) {
      setError(cause);
      setBusy(false);
    }
  };

  return (
    <div className="login">
      <form className="card login-card" onSubmit={(event) => void submit(event)} aria-labelledby="login-title">
        <h1 id="login-title">{t('auth.title')}</h1>
        <p className="muted">{t('app.tagline')}</p>
        {expired && !error && (
          <p className="notice notice-info" role="status">
            {t('auth.sessionExpired')}
          </p>
        )}
        {error !== undefined && (
          <p className="notice notice-error" role="alert" data-testid="login-error">
            {errorText(error, i18n)}
          </p>
        )}
        <div className="field">
          <label htmlFor="login-username">{t('auth.username')}</label>
          <input
            ref={usernameRef}
            id="login-username"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">{t('auth.password')}</label>
          <input
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? t('auth.signingIn') : t('auth.signIn')}
        </button>
      </form>
    </div>
  );
}
