// /me: the personal QR for staff to scan, recent check-ins and declarations on this phone, and "forget me".
import { useRef, useState } from 'react';
import { useI18n } from '../i18n';
import { formatDate } from '../lib/format';
import { Link } from '../lib/router';
import { cardUrl, getPersonalCode, personalQrUrl, type SelfPerson } from './api';
import { DeclarationResult } from './DeclarationResult';
import { ExposureCheck } from './ExposureCheck';
import { PersonForm } from './PersonForm';
import { PushOptIn } from './PushOptIn';
import { QrCode } from './QrCode';
import { RecentCheckins } from './RecentCheckins';
import { forgetEverything, saveMe, useStore } from './storage';
import './checkin.css';

export default function MeScreen() {
  const { t } = useI18n();
  const { me, declarations } = useStore();
  const heading = useRef<HTMLHeadingElement>(null);

  const register = async (person: SelfPerson) => {
    try {
      const { personCode } = await getPersonalCode(person);
      saveMe({ person, personCode });
      requestAnimationFrame(() => heading.current?.focus());
      return undefined;
    } catch (error) {
      return error;
    }
  };

  return (
    <section className="checkin-page" aria-labelledby="me-title">
      <h1 id="me-title" ref={heading} tabIndex={-1}>
        {t('checkin.me.title')}
      </h1>
      <ExposureCheck />
      {me?.personCode ? (
        <div className="checkin-card checkin-me" data-testid="personal-qr-card">
          <figure className="checkin-qr">
            <QrCode value={personalQrUrl(me.personCode)} label={t('checkin.me.qrLabel', { name: me.person.fullName })} testId="personal-qr" />
            <figcaption>
              <strong className="checkin-me-name" data-testid="me-name">
                {me.person.fullName}
              </strong>
              <span>{t('checkin.me.born', { year: me.person.birthYear })}</span>
            </figcaption>
          </figure>
          <p>{t('checkin.me.showStaff')}</p>
          <a className="button button-secondary checkin-big-button" href={cardUrl(me.personCode)} target="_blank" rel="noopener" data-testid="card-link">
            {t('checkin.me.printCard')}
          </a>
        </div>
      ) : (
        <div className="checkin-card">
          <h2>{t('checkin.me.getCode')}</h2>
          <p className="muted">{t('checkin.me.getCodeIntro')}</p>
          <PersonForm prefix="me-person" initial={me?.person} submitLabel={t('checkin.me.getCodeButton')} busyLabel={t('common.saving')} onSubmit={register} />
        </div>
      )}
      {me?.personCode && <PushOptIn personCode={me.personCode} />}
      {me && <RecentCheckins personCode={me.personCode} />}
      {declarations.length > 0 && (
        <section className="checkin-card" aria-labelledby="me-declarations">
          <h2 id="me-declarations">{t('checkin.me.declarations')}</h2>
          {declarations.map((item, index) => (
            <details key={item.receipt.id} className="checkin-details" open={index === 0}>
              <summary>
                {t(`checkin.declare.kind.${item.receipt.kind}`)} · {formatDate(item.receipt.travelDate ?? item.receipt.declaredAt.slice(0, 10))}
              </summary>
              <DeclarationResult stored={item} compact />
            </details>
          ))}
        </section>
      )}
      <p className="checkin-links">
        <Link to="/declare">{t('checkin.nav.declare')}</Link>
      </p>
      {me && (
        <Forget
          onForgot={() => {
            forgetEverything();
            requestAnimationFrame(() => heading.current?.focus());
          }}
        />
      )}
    </section>
  );
}

/** Two steps, so that a stray tap does not wipe the code someone needs at the checkpoint. */
function Forget({ onForgot }: { onForgot: () => void }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  return (
    <section className="checkin-card checkin-forget" aria-labelledby="forget-title">
      <h2 id="forget-title">{t('checkin.me.forgetTitle')}</h2>
      <p className="muted">{t('checkin.me.forgetIntro')}</p>
      {asking ? (
        <div className="actions" role="group" aria-label={t('checkin.me.forgetTitle')}>
          <button type="button" className="button-danger" onClick={onForgot} autoFocus data-testid="forget-confirm">
            {t('checkin.me.forgetConfirm')}
          </button>
          <button type="button" className="button-secondary" onClick={() => setAsking(false)}>
            {t('common.cancel')}
          </button>
        </div>
      ) : (
        <button type="button" className="button-secondary" onClick={() => setAsking(true)}>
          {t('checkin.me.forget')}
        </button>
      )}
    </section>
  );
}
