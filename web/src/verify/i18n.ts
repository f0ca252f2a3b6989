// The verifier's messages in the language the app shows: Vietnamese from the page's own chunk,
// English fetched when it is chosen (as i18n/ does for the whole app).
import { useEffect, useState } from 'react';
import { interpolate, useI18n } from '../i18n';
import { type VerifyMessageKey, verifyVi } from './messages';

export type VerifyTranslate = (key: VerifyMessageKey, vars?: Record<string, string | number>) => string;

let english: Record<VerifyMessageKey, string> | null = null;

export function useVerifyMessages(): { t: VerifyTranslate; lang: 'vi' | 'en' } {
  const { lang } = useI18n();
  const [, setLoaded] = useState(english !== null);
  useEffect(() => {
    if (lang !== 'en' || english) return;
    let live = true;
    void import('./messages.en').then(({ verifyEn }) => {
      english = verifyEn;
      if (live) setLoaded(true);
    });
    return () => {
      live = false;
    };
  }, [lang]);
  const messages = lang === 'en' && english ? english : verifyVi;
  return { t: (key, vars) => interpolate(messages[key], vars), lang };
}
