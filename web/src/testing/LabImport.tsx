// Importing the lab's CSV of results: all records or none. A refused file lists every problem by line
// and column (the server names them lines[n].column, the header being line 1), so the lab fixes the
// file and sends it again.
import { useState, type SubmitEvent } from 'react';
import { useI18n } from '../i18n';
import { ApiError } from '../lib/api';
import { ErrorNotice, SuccessNotice } from '../lib/ui';
import { importResultsCsv, type ResultBatchResult } from './labApi';
import { labProblemText } from './labProblems';

const EXAMPLE = 'barcode,result,ct_n,ct_orf1ab\nVG0000000018,negative,,\nVG0000000026,positive,24.1,25.3';

/** "lines[3].result" → { line: 3, column: "result" }, in file order. */
export function importProblems(fields: Record<string, string>): { line: number | null; column: string; reason: string }[] {
  return Object.entries(fields)
    .map(([field, reason]) => {
      const match = /^lines\[(\d+)\]\.?(.*)$/.exec(field);
      return { line: match ? Number(match[1]) : null, column: match ? match[2] ?? '' : field, reason };
    })
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

export function LabImport() {
  const { t, lang } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ResultBatchResult | null>(null);
  const [problems, setProblems] = useState<ReturnType<typeof importProblems>>([]);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setResult(null);
    setProblems([]);
    setError(undefined);
    try {
      setResult(await importResultsCsv(await file.text()));
    } catch (cause) {
      const named = cause instanceof ApiError ? importProblems(cause.fields) : [];
      if (named.length > 0) setProblems(named);
      else setError(cause);
    } finally {
      setBusy(false);
    }
  };

  const retests = result?.items.reduce((n, item) => n + item.retests.length, 0) ?? 0;
  const proposals = result?.items.reduce((n, item) => n + item.caseProposals, 0) ?? 0;
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="import-title" data-testid="lab-import">
      <h2 id="import-title">{t('lab.importTitle')}</h2>
      <p className="muted">{t('lab.importIntro')}</p>
      <pre className="import-example">{EXAMPLE}</pre>
      <div className="field">
        <label htmlFor="import-file">{t('lab.importFile')}</label>
        <input id="import-file" type="file" accept=".csv,text/csv" onChange={(e) => { setFile(e.target.files?.[0] ?? null); setResult(null); setProblems([]); }} />
      </div>
      <div className="actions">
        <button type="submit" className="button-primary" disabled={!file || busy}>{busy ? t('lab.importing') : t('lab.import')}</button>
      </div>
      {error !== undefined && <ErrorNotice error={error} />}
      {problems.length > 0 && (
        <div className="notice notice-error" role="alert" data-testid="import-problems">
          <p><strong>{t('lab.importRefused', { count: problems.length })}</strong></p>
          <ul className="import-problems">
            {problems.map((p) => (
              <li key={`${p.line ?? ''}${p.column}`}>
                {p.line !== null ? t('lab.importProblem', { line: p.line, column: p.column }) : p.column}: {labProblemText(p.reason, t, lang)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {result && (
        <SuccessNotice>
          <span data-testid="import-done">
            {t('lab.imported', { created: result.created, repeats: result.repeats })}
            {retests > 0 && ` ${t('lab.retestsPlanned', { count: retests })}`}
            {proposals > 0 && ` ${t('lab.proposalsOpened', { count: proposals })}`}
          </span>
        </SuccessNotice>
      )}
    </form>
  );
}
