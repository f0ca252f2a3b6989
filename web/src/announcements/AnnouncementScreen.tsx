// One announcement: the server's sanitised HTML inserted as is, its PDFs, and a mark when withdrawn.
import { useI18n } from '../i18n';
import { formatDate, formatDateTime } from '../lib/format';
import { Link } from '../lib/router';
import { ErrorNotice, Loading } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { getAnnouncement } from './api';
import './announcements.css';

export default function AnnouncementScreen({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const { data, error, loading, reload } = useAsync((signal) => getAnnouncement(id, signal), [id]);
  if (loading) return <Loading />;
  if (error || !data) return <ErrorNotice error={error} onRetry={reload} />;
  return (
    <article data-testid="announcement">
      <p>
        <Link to="/announcements">‹ {t('ann.back')}</Link>
      </p>
      <p className="announcement-meta">
        <span className="announcement-kind">{t(`ann.kind.${data.kind}`)}</span>
        {[data.documentNumber, data.documentDate ? formatDate(data.documentDate) : null, data.issuingBody, data.unitName].filter(Boolean).join(' · ')}
      </p>
      <h1>{data.title}</h1>
      {data.status === 'withdrawn' && (
        <div className="notice notice-error" role="note" data-testid="withdrawn">
          {t('ann.withdrawn', { date: formatDateTime(data.withdrawnAt) })} {data.withdrawnReason}
        </div>
      )}
      <p className="announcement-meta">{t('ann.publishedAt', { date: formatDateTime(data.publishedAt) })}</p>
      {/* bodyHtml is rendered and sanitised by the server (allow-list); clients insert it as is. */}
      <div className="announcement-body" dangerouslySetInnerHTML={{ __html: data.bodyHtml }} />
      {data.attachments.length > 0 && (
        <>
          <h2>{t('ann.attachments')}</h2>
          <ul className="attachments">
            {data.attachments.map((file) => (
              <li key={file.id}>
                📄 <a href={file.url} type="application/pdf">{file.filename}</a>{' '}
                <small className="muted">({new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(file.sizeBytes / 1024)} KB)</small>
              </li>
            ))}
          </ul>
        </>
      )}
    </article>
  );
}
