// Staff: announcements and documents: write in Markdown, then draft → published → withdrawn; PDF attachments.
import { useState, type SubmitEvent } from 'react';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n';
import { ApiError, type FieldErrors } from '../lib/api';
import { formatDate, formatDateTime } from '../lib/format';
import { Link } from '../lib/router';
import { ErrorNotice, Field, Loading, SuccessNotice, errorText } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { ANNOUNCEMENT_KINDS, type Announcement, type AnnouncementKind } from './api';
import {
  createAnnouncement,
  deleteAttachment,
  getStaffAnnouncement,
  listStaffAnnouncements,
  publishAnnouncement,
  updateAnnouncement,
  uploadAttachment,
  withdrawAnnouncement,
  type AnnouncementInput,
} from './staffApi';
import '../places/staff.css';
import './announcements.css';

const blank = (unitCode: string): AnnouncementInput => ({ kind: 'notice', title: '', bodyMarkdown: '', issuingBody: '', documentNumber: '', documentDate: '', unitCode });

function Editor({ id, onChanged }: { id: string | null; onChanged: (id: string | null) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { user, can } = useSession();
  // kept here, not in the form: the form is remounted with the saved record, and the message must survive that
  const [done, setDone] = useState<string | null>(null);
  const loaded = useAsync((signal) => (id ? getStaffAnnouncement(id, signal) : Promise.resolve(null)), [id]);
  if (loaded.loading) return <Loading />;
  if (loaded.error !== undefined) return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  return <EditorForm key={loaded.data?.updatedAt ?? 'new'} item={loaded.data ?? null} defaultUnit={user?.unitCode ?? '93'} canPublish={can('announcements:publish')} done={done} setDone={setDone} onChanged={(next) => { onChanged(next); loaded.reload(); }} i18n={i18n} t={t} />;
}

function EditorForm({ item, defaultUnit, canPublish, done, setDone, onChanged, i18n, t }: { item: Announcement | null; defaultUnit: string; canPublish: boolean; done: string | null; setDone: (message: string | null) => void; onChanged: (id: string | null) => void; i18n: ReturnType<typeof useI18n>; t: ReturnType<typeof useI18n>['t'] }) {
  const [draft, setDraft] = useState<AnnouncementInput>(item ? { kind: item.kind, title: item.title, bodyMarkdown: item.bodyMarkdown, issuingBody: item.issuingBody, documentNumber: item.documentNumber ?? '', documentDate: item.documentDate ?? '', unitCode: item.unitCode } : blank(defaultUnit));
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>();

  const run = async (action: () => Promise<Announcement | undefined>, message: string) => {
    setError(undefined);
    setFields({});
    setDone(null);
    try {
      const result = await action();
      setDone(message);
      onChanged(result?.id ?? item?.id ?? null);
    } catch (cause) {
      setError(cause);
      if (cause instanceof ApiError) setFields(cause.fields);
    }
  };
  const body = (): AnnouncementInput => ({ ...draft, documentNumber: draft.documentNumber || null, documentDate: draft.documentDate || null });
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void run(() => (item ? updateAnnouncement(item.id, body()) : createAnnouncement(body())), t('staff.ann.saved'));
  };
  const text = (key: 'title' | 'issuingBody' | 'documentNumber' | 'documentDate' | 'unitCode', label: string, type = 'text') => (
    <Field id={`ann-${key}`} label={label} error={fields[key]}>
      {(describedBy) => <input id={`ann-${key}`} type={type} value={draft[key] ?? ''} aria-describedby={describedBy} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />}
    </Field>
  );
  const withdrawn = item?.status === 'withdrawn';

  return (
    <form className="card staff-form" onSubmit={submit} data-testid="announcement-editor">
      <h2>{item ? `${item.title} · ${t(`staff.ann.status.${item.status}`)}` : t('staff.ann.new')}</h2>
      {error !== undefined && <p className="notice notice-error" role="alert">{errorText(error, i18n)}</p>}
      {done && <SuccessNotice>{done}</SuccessNotice>}
      <div className="staff-grid">
        <Field id="ann-kind-edit" label={t('ann.kind')} error={fields.kind}>
          {() => (
            <select id="ann-kind-edit" value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as AnnouncementKind })}>
              {ANNOUNCEMENT_KINDS.map((kind) => <option key={kind} value={kind}>{t(`ann.kind.${kind}`)}</option>)}
            </select>
          )}
        </Field>
        {text('title', t('staff.ann.titleField'))}
        {text('issuingBody', t('staff.ann.issuingBody'))}
        {text('documentNumber', t('staff.ann.number'))}
        {text('documentDate', t('staff.ann.date'), 'date')}
        {text('unitCode', t('staff.ann.unitCode'))}
      </div>
      <Field id="ann-body" label={t('staff.ann.body')} hint={t('staff.ann.bodyHint')} error={fields.bodyMarkdown}>
        {(describedBy) => <textarea id="ann-body" value={draft.bodyMarkdown} aria-describedby={describedBy} onChange={(e) => setDraft({ ...draft, bodyMarkdown: e.target.value })} />}
      </Field>
      {item && item.bodyHtml && (
        <details>
          <summary>{t('staff.ann.preview')}</summary>
          <div className="announcement-body" dangerouslySetInnerHTML={{ __html: item.bodyHtml }} />
        </details>
      )}
      <div className="staff-actions">
        {!withdrawn && <button type="submit" className="button-primary">{t('common.save')}</button>}
        {item?.status === 'draft' && canPublish && (
          <button type="button" className="button-secondary" onClick={() => void run(() => publishAnnouncement(item.id), t('staff.ann.publishedDone'))}>{t('staff.ann.publish')}</button>
        )}
        {item?.status === 'published' && canPublish && (
          <button type="button" className="button-danger" onClick={() => {
            const reason = window.prompt(t('staff.ann.withdrawReason'));
            if (reason) void run(() => withdrawAnnouncement(item.id, reason), t('staff.ann.withdrawnDone'));
          }}>{t('staff.ann.withdraw')}</button>
        )}
        {item?.status !== 'draft' && item && <Link to={`/announcements/${item.id}`}>{t('staff.ann.publicPage')}</Link>}
      </div>
      {item && (
        <>
          <h3>{t('ann.attachments')}</h3>
          <ul className="attachments">
            {item.attachments.map((file) => (
              <li key={file.id}>
                📄 {file.filename}{' '}
                {!withdrawn && <button type="button" className="button-link" onClick={() => void run(async () => { await deleteAttachment(item.id, file.id); return undefined; }, t('staff.ann.saved'))}>{t('staff.ann.remove')}</button>}
              </li>
            ))}
          </ul>
          {!withdrawn && (
            <label>
              {t('staff.ann.addPdf')}{' '}
              <input type="file" accept="application/pdf,.pdf" onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void run(async () => { await uploadAttachment(item.id, file); return undefined; }, t('staff.ann.saved'));
              }} />
            </label>
          )}
        </>
      )}
    </form>
  );
}

export default function StaffAnnouncementsScreen() {
  const { t } = useI18n();
  const [selected, setSelected] = useState<string | null>(null);
  // a new editor (and no stale message) each time the user picks a record; not when a save changes `selected`
  const [opened, setOpened] = useState(0);
  const pick = (id: string) => { setSelected(id); setOpened((n) => n + 1); };
  const [status, setStatus] = useState('');
  const list = useAsync((signal) => listStaffAnnouncements({ status: status || undefined, limit: 100 }, signal), [status, selected]);
  return (
    <div data-testid="staff-announcements">
      <h1>{t('staff.ann.title')}</h1>
      <div className="staff-toolbar">
        <select aria-label={t('map.status')} value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">{t('ann.allKinds')}</option>
          {(['draft', 'published', 'withdrawn'] as const).map((s) => <option key={s} value={s}>{t(`staff.ann.status.${s}`)}</option>)}
        </select>
        <button type="button" className="button-primary" onClick={() => pick('new')}>{t('staff.ann.new')}</button>
      </div>
      {selected !== null && <Editor key={opened} id={selected === 'new' ? null : selected} onChanged={(id) => setSelected(id)} />}
      {list.error !== undefined && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {list.data && (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('staff.ann.titleField')}</th>
                <th scope="col">{t('ann.kind')}</th>
                <th scope="col">{t('map.status')}</th>
                <th scope="col">{t('staff.ann.date')}</th>
                <th scope="col">{t('map.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((item) => (
                <tr key={item.id}>
                  <th scope="row"><button type="button" className="button-link" onClick={() => pick(item.id)}>{item.title}</button></th>
                  <td>{t(`ann.kind.${item.kind}`)}</td>
                  <td>{t(`staff.ann.status.${item.status}`)}</td>
                  <td>{formatDate(item.documentDate)}</td>
                  <td>{formatDateTime(item.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
