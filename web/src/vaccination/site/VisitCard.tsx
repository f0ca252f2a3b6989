// What the vaccinator sees of the person checked in: who, their doses, the next dose and today's booking.
import { useI18n } from '../../i18n';
import { formatDate, formatDateTime } from '../../lib/format';
import type { Visit } from './api';

const time = (iso: string | null) => (iso ? new Date(iso).toLocaleTimeString('vi-VN', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Ho_Chi_Minh' }) : '');

export function VisitCard({ visit, lotProduct }: { visit: Visit; lotProduct: string | null }) {
  const { t } = useI18n();
  const { next } = visit;
  const productAllowed = !lotProduct || next.status !== 'due' || (next.products ?? []).includes(lotProduct);
  return (
    <section className="card" aria-labelledby="vsite-visit-title" data-testid="vsite-visit">
      <h2 id="vsite-visit-title">{t('vsite.visitTitle')}</h2>
      <p>
        <strong data-testid="vsite-person">{t('vsite.personLine', { name: visit.person.fullName, year: visit.person.birthYear })}</strong>
        <br />
        <small className="muted">{t(`vsite.checkedInBy.${visit.identifiedBy}`)} · {formatDateTime(visit.checkedInAt)}</small>
      </p>
      <h3>{t('vsite.history')}</h3>
      {visit.doses.length === 0 ? <p className="muted">{t('vsite.noDoses')}</p> : (
        <ol className="plain-list" aria-label={t('vsite.history')}>
          {visit.doses.map((dose) => (
            <li key={dose.id}>
              {t('vsite.doseLine', {
                number: dose.doseNumber, kind: t(`vsite.kind.${dose.kind}`), product: dose.productCode, lot: dose.lotNumber,
                date: formatDateTime(dose.administeredAt), site: dose.siteName,
              })}
            </li>
          ))}
        </ol>
      )}
      <h3>{t('vsite.next')}</h3>
      <p data-testid="vsite-next">
        {next.status === 'due'
          ? t('vsite.nextDue', { number: next.doseNumber, kind: t(`vsite.kind.${next.kind}`), date: formatDate(next.earliestDate ?? ''), products: (next.products ?? []).join(', ') })
          : t('vsite.nextNone', { reason: next.reason ?? '' })}
      </p>
      {next.status === 'due' && next.dueToday === false && <p className="notice notice-error" role="alert">{t('vsite.nextNotYet', { date: formatDate(next.earliestDate ?? '') })}</p>}
      {!productAllowed && lotProduct && <p className="notice notice-error" role="alert">{t('vsite.productNotAllowed', { product: lotProduct })}</p>}
      <h3>{t('vsite.booking')}</h3>
      <p data-testid="vsite-booking">
        {visit.booking
          ? t('vsite.bookingLine', { product: visit.booking.productCode, from: time(visit.booking.slotStartsAt), to: time(visit.booking.slotEndsAt) })
          : t('vsite.noBooking')}
      </p>
    </section>
  );
}
