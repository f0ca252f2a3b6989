// CSV import of many venues: the server checks every row first (progress bar), then writes all of them,
// or none when any row has a problem (listed by line).
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n';
import { ApiError, NetworkError } from '../lib/api';
import { ErrorNotice, SuccessNotice, errorText } from '../lib/ui';
import { CSV_HEADER, VENUE_KINDS, importJob, startImport, type ImportJob } from './api';

const POLL_MS = 400;
const SHOWN_PROBLEMS = 50;

/** "lines[3].kind" → { line: 3, field: "kind" } so a problem reads as "Line 3, kind: …". */
function problemPlace(key: string): { line: string | null; field: string } {
  const match = /^lines\[(\d+)\]\.?(.*)$/.exec(key);
  return match ? { line: match[1] ?? null, field: match[2] ?? '' } : { line: null, field: key };
}

function Progress({ job }: { job: ImportJob }) {
  const { t } = useI18n();
  const label = job.status === 'writing' ? t('venues.import.writing', { processed: job.processed, total: job.total }) : t('venues.import.checking', { processed: job.processed, total: job.total });
  return (
    <div className="venue-import-progress" data-testid="import-progress">
      <label htmlFor={`import-${job.id}`}>{label}</label>
      <progress id={`import-${job.id}`} max={Math.max(job.total, 1)} value={job.processed} />
    </div>
  );
}

function Problems({ job }: { job: ImportJob }) {
  const { t } = useI18n();
  const entries = Object.entries(job.problems ?? {});
  const count = job.problemCount ?? entries.length;
  return (
    <div className="notice notice-error venue-import-problems" role="alert" data-testid="import-problems">
      <p><strong>{t('venues.import.failed', { count })}</strong></p>
      {entries.length > 0 && (
        <ul>
          {entries.slice(0, SHOWN_PROBLEMS).map(([key, problem]) => {
            const { line, field } = problemPlace(key);
            return (
              <li key={key}>
                {line ? t('venues.import.line', { line }) : ''} <code>{field}</code>: {problem}
              </li>
            );
          })}
        </ul>
      )}
      {count > SHOWN_PROBLEMS && <p>{t('venues.import.more', { count: count - SHOWN_PROBLEMS })}</p>}
      {entries.some(([key]) => problemPlace(key).field === 'kind') && (
        <p>{t('venues.import.kinds')} <code>{VENUE_KINDS.join(', ')}</code></p>
      )}
      {entries.length === 0 && job.message && <p>{job.message}</p>}
    </div>
  );
}

export function VenueImport({ onImported }: { onImported: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [job, setJob] = useState<ImportJob | null>(null);
  const [error, setError] = useState<unknown>();
  const running = job !== null && (job.status === 'checking' || job.status === 'writing');

  // Follow a running job until it ends; a lost connection keeps polling (the job runs on the server).
  useEffect(() => {
    if (!job || !running) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      importJob(job.id, controller.signal).then(
        (next) => {
          setJob(next);
          if (next.status === 'done') onImported();
        },
        (cause: unknown) => {
          if (controller.signal.aborted) return;
          if (cause instanceof NetworkError) setJob({ ...job }); // try again
          else setError(cause);
        },
      );
    }, POLL_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [job, running, onImported]);

  const upload = async (file: File | undefined) => {
    if (!file) return;
    setJob(null);
    setError(undefined);
    try {
      const started = await startImport(await file.text());
      setJob(started);
      if (started.status === 'done') onImported();
    } catch (cause) {
      setError(cause);
    }
  };

  return (
    <section className="card venue-import" aria-labelledby="venue-import-title">
      <h2 id="venue-import-title">{t('venues.import.title')}</h2>
      <p className="muted venue-csv-header">{t('venues.import.header')} <code>{CSV_HEADER}</code></p>
      <label htmlFor="venue-import-file">{t('venues.import.choose')}</label>
      <input
        id="venue-import-file"
        type="file"
        accept=".csv,text/csv"
        disabled={running}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = ''; // the same file, corrected, can be chosen again
          void upload(file);
        }}
      />
      <div aria-live="polite">
        {job && running && <Progress job={job} />}
        {job?.status === 'done' && (
          <SuccessNotice>
            <span data-testid="import-done">{t('venues.import.done', { created: job.created ?? 0, updated: job.updated ?? 0 })}</span>
          </SuccessNotice>
        )}
      </div>
      {job?.status === 'failed' && <Problems job={job} />}
      {error !== undefined && !(error instanceof ApiError && Object.keys(error.fields).length > 0) && <ErrorNotice error={error} />}
      {error instanceof ApiError && Object.keys(error.fields).length > 0 && (
        <div className="notice notice-error" role="alert" data-testid="import-problems">
          <p>{errorText(error, i18n)}</p>
          <ul>
            {Object.entries(error.fields).map(([field, problem]) => (
              <li key={field}><code>{field}</code>: {problem}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
