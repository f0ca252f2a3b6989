import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { vi, type MessageKey, type Messages } from './vi';

export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];
const STORAGE_KEY = 'vigil.lang';

/**
 * Vietnamese is in the app's first download; English (as many bytes again) is fetched when chosen,
 * so most visitors of the public map do not wait for it.
 */
const dictionaries: Partial<Record<Lang, Messages>> = { vi };

function loadMessages(lang: Lang): Promise<Messages> {
  const known = dictionaries[lang];
  if (known) return Promise.resolve(known);
  return import('./en').then(({ en }) => (dictionaries.en = en));
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
  /** BCP 47 locale for Intl formatting. */
  locale: string;
}

const I18nContext = createContext<I18n | null>(null);

function storedLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return saved === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function interpolate(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** The messages of the language chosen on this browser before; main.tsx waits for them before the first render. */
export function preloadStoredLanguage(): Promise<unknown> {
  return loadMessages(storedLang());
}

export function I18nProvider({ children }: { children: ReactNode }) {
  // Vietnamese when the chosen language's messages could not be fetched (offline before they were kept)
  const [lang, setLangState] = useState<Lang>(() => (dictionaries[storedLang()] ? storedLang() : 'vi'));

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private browsing: the choice lasts for this page only
    }
    // the switch happens once the messages are here; without network and never fetched, it does not
    loadMessages(next).then(
      () => setLangState(next),
      (error: unknown) => console.warn('i18n: the messages could not be loaded:', error instanceof Error ? error.message : error),
    );
  }, []);

  const value = useMemo<I18n>(() => {
    const messages = dictionaries[lang] ?? vi;
    return {
      lang,
      setLang,
      t: (key, vars) => interpolate(messages[key], vars),
      locale: lang === 'vi' ? 'vi-VN' : 'en-GB',
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

export type { MessageKey };
