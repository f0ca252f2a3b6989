// Forms of the export screen: the national platform's answer (pasted or a file; CSV or JSON) and
// the rejected doses to queue again.
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { ErrorNotice, Field, SuccessNotice } from '../../lib/ui';
import { requeueDoses, sendAnswers, sendAnswersCsv, type AnswerItem, type AnswersResult, type Batch, type ExportStatus } from './api';

export function AnswerForm({ batches, onDone }: { batches: Batch[]; onDone: () => void }) {
  const { t } = useI18n();
  const [batchId, setBatchId] = useState(batches[0]?.id ?? '');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AnswersResult>();
  const [error, setError] = useState<unknown>();

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      const trimmed = text.trim();
      if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(trimmed);
        } catch {
          throw new Error(t('vexp.badJson'));
        }
        const items = (Array.isArray(parsed) ? parsed : (parsed as { items?: unknown }).items) as AnswerItem[];
        setResult(await sendAnswers(batchId, items));
      } else {
        setResult(await sendAnswersCsv(batchId, trimmed));
      }
      onDone();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card vexp-answer" aria-labelledby="vexp-answer-title" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h2 id="vexp-answer-title">{t('vexp.answerTitle')}</h2>
      <Field id="vexp-answer-batch" label={t('vexp.answerBatch')}>
        {(d) => (
          <select id="vexp-answer-batch" value={batchId} aria-describedby={d} onChange={(e) => setBatchId(e.target.value)}>
            {batches.map((b) => <option key={b.id} value={b.id}>{`${formatDateTime(b.createdAt)} · ${b.unitCode} · ${b.doseCount}`}</option>)}
          </select>
        )}
      </Field>
      <Field id="vexp-answer-text" label={t('vexp.answerText')}>
        {(d) => <textarea id="vexp-answer-text" value={text} aria-describedby={d} onChange={(e) => setText(e.target.value)} required />}
      </Field>
      <Field id="vexp-answer-file" label={t('vexp.answerFile')}>
        {(d) => <input id="vexp-answer-file" type="file" accept=".csv,.json,text/csv,application/json" aria-describedby={d} onChange={(e) => { const file = e.target.files?.[0]; if (file) void file.text().then(setText); }} />}
      </Field>
      <button type="submit" className="button-primary" disabled={busy || !batchId || !text.trim()}>{t('vexp.answerSend')}</button>
      {result && <SuccessNotice>{t('vexp.answerDone', { updated: result.updated, unchanged: result.unchanged, superseded: result.superseded })}</SuccessNotice>}
      {error !== undefined && <ErrorNotice error={error} />}
    </form>
  );
}

export function RejectedPanel({ rejected, onDone }: { rejected: ExportStatus['rejected']; onDone: () => void }) {
  const { t } = useI18n();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [done, setDone] = useState<number>();
  const [error, setError] = useState<unknown>();
  const toggle = (id: string) => setSelected((before) => {
    const next = new Set(before);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  const requeue = async () => {
    setError(undefined);
    try {
      const result = await requeueDoses([...selected]);
      setDone(result.requeued.length);
      setSelected(new Set());
      onDone();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <section className="card" aria-labelledby="vexp-rejected-title">
      <h2 id="vexp-rejected-title">{t('vexp.rejectedTitle')}</h2>
      {rejected.length === 0 ? <p className="muted">{t('vexp.noRejected')}</p> : (
        <>
          <p className="muted">{t('vexp.rejectedHint')}</p>
          <div className="table-scroll table-scroll-cards" tabIndex={0} role="region" aria-label={t('vexp.rejectedTitle')}>
            <table className="table table-cards" data-testid="vexp-rejected">
              <thead>
                <tr>
                  <th scope="col"><span className="visually-hidden">{t('vexp.requeue')}</span></th>
                  <th scope="col">{t('vexp.col.dose')}</th>
                  <th scope="col">{t('vexp.col.reason')}</th>
                  <th scope="col">{t('vexp.col.createdAt')}</th>
                </tr>
              </thead>
              <tbody>
                {rejected.map((r) => (
                  <tr key={r.doseId}>
                    <td><input type="checkbox" checked={selected.has(r.doseId)} onChange={() => toggle(r.doseId)} aria-label={t('vexp.select', { id: r.doseId.slice(0, 8) })} /></td>
                    <th scope="row" data-label={t('vexp.col.dose')}><code>{r.doseId.slice(0, 8)}</code></th>
                    <td data-label={t('vexp.col.reason')}>{r.reason}</td>
                    <td data-label={t('vexp.col.createdAt')}>{formatDateTime(r.answeredAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button type="button" className="button-secondary" disabled={selected.size === 0} onClick={() => void requeue()}>{t('vexp.requeue')}</button>
        </>
      )}
      {done !== undefined && <SuccessNotice>{t('vexp.requeued', { count: done })}</SuccessNotice>}
      {error !== undefined && <ErrorNotice error={error} />}
    </section>
  );
}
