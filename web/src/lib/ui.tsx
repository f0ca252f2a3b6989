// Small shared pieces of screen: loading, error, pagination and field wrappers.
import type { ReactNode } from 'react';
import { ApiError, NetworkError } from './api';
import { useI18n, type Lang, type Translate } from '../i18n';
import { localiseServerMessage } from '../i18n/serverMessages';

/** A message for any failure, in the user's language where we know how to say it. */
export function errorText(error: unknown, { t, lang }: { t: Translate; lang: Lang }): string {
  if (error instanceof NetworkError) return t('common.errorNetwork');
  if (error instanceof ApiError) {
    if (error.status === 403) return `${t('common.errorForbidden')} (${error.message})`;
    if (error.status === 404) return t('common.errorNotFound');
    return localiseServerMessage(error.message, lang);
  }
  return error instanceof Error ? error.message : String(error);
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted" role="status">
      {t('common.loading')}
    </p>
  );
}

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div className="notice notice-error" role="alert">
      <span>{errorText(error, i18n)}</span>
      {onRetry && (
        <button type="button" className="button-secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function SuccessNotice({ children }: { children: ReactNode }) {
  return (
    <div className="notice notice-success" role="status">
      {children}
    </div>
  );
}

interface PaginationProps {
  total: number;
  limit: number;
  offset: number;
  onOffset: (offset: number) => void;
}

export function Pagination({ total, limit, offset, onOffset }: PaginationProps) {
  const { t } = useI18n();
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.floor(offset / limit) + 1;
  return (
    <nav className="pagination" aria-label={t('common.pageOf', { page, pages })}>
      <button type="button" className="button-secondary" disabled={page <= 1} onClick={() => onOffset(offset - limit)}>
        ‹ {t('common.previous')}
      </button>
      <span aria-live="polite">{t('common.pageOf', { page, pages })}</span>
      <button type="button" className="button-secondary" disabled={page >= pages} onClick={() => onOffset(offset + limit)}>
        {t('common.next')} ›
      </button>
    </nav>
  );
}

interface FieldProps {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: (describedBy: string | undefined) => ReactNode;
}

/** A label, the control and its error message, tied together for screen readers. */
export function Field({ id, label, error, hint, children }: FieldProps) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      )}
      {children(ids)}
      {error && (
        <p id={`${id}-error`} className="field-error" data-field-error={id}>
          {error}
        </p>
      )}
    </div>
  );
}
