// /vaccination (public): register for vaccination on a phone, then choose a session and a time and
// book it. The phone remembers the registration by its manage token (never personal data); an
// invitation's link (/vaccination#t=…) brings the token to a phone that did not register here.
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n';
import { ApiError } from '../../lib/api';
import { formatDate, formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { ErrorNotice, Loading, SuccessNotice } from '../../lib/ui';
import { cancelSelf, getOwnRegistration, getPriorityGroups, type OwnBooking, type SelfRegistrationResult, withdrawSelf } from './api';
import { RegisterForm } from './RegisterForm';
import { SessionPicker } from './SessionPicker';
import { forget, remember, remembered, tokenFromLink } from './storage';
import './register.css';

const timeOf = (iso: string) => formatDateTime(iso).slice(11);

function BookingCard({ booking, onCancel }: { booking: OwnBooking; onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <li className="vreg-booking" data-testid="vreg-booking" data-booking-id={booking.id}>
      <strong data-testid="vreg-booking-when">{t('vreg.mine.booking', { date: formatDate(booking.sessionDate), start: timeOf(booking.startsAt), end: timeOf(booking.endsAt) })}</strong>
      <span data-testid="vreg-booking-site">{t('vreg.mine.at', { site: booking.site.name, commune: booking.site.communeName })}</span>
      <span className="muted">{t('vreg.mine.bring')}</span>
      {booking.status === 'booked' && (
        <button type="button" className="button-secondary" onClick={onCancel} data-testid="vreg-cancel">{t('vreg.mine.cancel')}</button>
      )}
    </li>
  );
}

export default function RegisterScreen() {
  const { t, lang } = useI18n();
  const [saved, setSaved] = useState(() => {
    const fromLink = tokenFromLink();
    return fromLink ? { registrationId: '', manageToken: fromLink, communeCode: '' } : remembered();
  });
  const [notice, setNotice] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const heading = useRef<HTMLHeadingElement>(null);
  const mine = useAsync((signal) => (saved ? getOwnRegistration(saved.manageToken, signal) : Promise.resolve(null)), [saved?.manageToken]);
  const groups = useAsync((signal) => getPriorityGroups(signal), []);

  // keep what the server says (a token from a link arrives without the rest); a dead token is forgotten
  useEffect(() => {
    if (mine.data && saved && (saved.registrationId !== mine.data.id || saved.communeCode !== mine.data.communeCode)) {
      const next = { registrationId: mine.data.id, manageToken: saved.manageToken, communeCode: mine.data.communeCode };
      remember(next);
      setSaved(next);
    }
    if (mine.error instanceof ApiError && mine.error.status === 400 && mine.error.fields.manageToken) {
      forget();
      setSaved(null);
    }
  }, [mine.data, mine.error, saved]);

  const registered = (result: SelfRegistrationResult) => {
    if (!result.registration || !result.manageToken) {
      // the details matched a record on file: the link went by SMS to the phone on file
      setNotice(result.linkSent ? t('vreg.mine.linkSent') : t('vreg.mine.linkNoPhone'));
      return;
    }
    const next = { registrationId: result.registration.id, manageToken: result.manageToken, communeCode: result.registration.communeCode };
    remember(next);
    setSaved(next);
    setNotice(result.repeat ? t('vreg.mine.found') : t('vreg.mine.registered'));
    requestAnimationFrame(() => heading.current?.focus());
  };

  const cancel = async (booking: OwnBooking) => {
    if (!saved || !window.confirm(t('vreg.mine.cancelConfirm'))) return;
    setFailure(undefined);
    try {
      await cancelSelf(booking.id, saved.manageToken);
      setNotice(t('vreg.mine.cancelled'));
      mine.reload();
    } catch (error) {
      setFailure(error);
    }
  };

  const withdraw = async () => {
    if (!saved || !window.confirm(t('vreg.mine.withdrawConfirm'))) return;
    setFailure(undefined);
    try {
      await withdrawSelf(saved.manageToken);
      setNotice(t('vreg.mine.withdrawn'));
      mine.reload();
    } catch (error) {
      setFailure(error);
    }
  };

  const forgetPhone = () => {
    if (!window.confirm(t('vreg.mine.forgetConfirm'))) return;
    forget();
    setSaved(null);
    setNotice(undefined);
  };

  const registration = mine.data;
  const group = groups.data?.items.find((g) => g.code === registration?.priorityGroup);
  const active = registration?.bookings.filter((b) => b.status === 'booked') ?? [];

  return (
    <section className="vreg" aria-labelledby="vreg-title">
      <h1 id="vreg-title" ref={heading} tabIndex={-1}>{t('vreg.title')}</h1>
      {!saved && <p>{t('vreg.intro')}</p>}
      {notice && <SuccessNotice><span data-testid="vreg-notice">{notice}</span></SuccessNotice>}
      {failure !== undefined && <ErrorNotice error={failure} />}
      {!saved && <RegisterForm onRegistered={registered} />}
      {saved && mine.loading && !registration && <Loading />}
      {saved && mine.error !== undefined && !(mine.error instanceof ApiError && mine.error.status === 400) && <ErrorNotice error={mine.error} onRetry={mine.reload} />}
      {saved && registration && (
        <>
          <div className="card" data-testid="vreg-mine" data-registration-id={registration.id}>
            <h2>{t('vreg.mine.hello', { name: registration.firstName })}</h2>
            <p className="vreg-status" data-testid="vreg-status" data-status={registration.status}>{t(`vreg.mine.status.${registration.status}`)}</p>
            <p className="muted">{t('vreg.mine.registeredOn', { date: formatDate(registration.createdAt.slice(0, 10)), group: group ? (lang === 'vi' ? group.vi : group.en) : registration.priorityGroup })}</p>
            {registration.bookings.length > 0 && (
              <>
                <h3>{t('vreg.mine.bookings')}</h3>
                <ul className="vreg-bookings">
                  {registration.bookings.map((booking) => <BookingCard key={booking.id} booking={booking} onCancel={() => void cancel(booking)} />)}
                </ul>
              </>
            )}
          </div>
          {registration.status === 'waiting' && active.length === 0 && (
            <SessionPicker manageToken={saved.manageToken} communeCode={registration.communeCode} onBooked={(booking) => {
              setNotice(t('vreg.slots.booked', { date: formatDate(booking.sessionDate), start: timeOf(booking.startsAt), end: timeOf(booking.endsAt), site: booking.site.name }));
              mine.reload();
              requestAnimationFrame(() => heading.current?.focus());
            }} />
          )}
          {(registration.status === 'waiting' || registration.status === 'booked') && (
            <p>
              <button type="button" className="button-secondary" onClick={() => void withdraw()} data-testid="vreg-withdraw">{t('vreg.mine.withdraw')}</button>
            </p>
          )}
          <p className="muted">{t('vreg.mine.remembered')}</p>
          <button type="button" className="button-secondary" onClick={forgetPhone} data-testid="vreg-forget">{t('vreg.mine.forget')}</button>
        </>
      )}
    </section>
  );
}
