// /declare and /declare?venue=<code>: a health declaration, at a checkpoint's poster or ahead of a journey.
import { useState } from 'react';
import { useI18n } from '../i18n';
import { ApiError } from '../lib/api';
import { Link, useLocation } from '../lib/router';
import { Loading } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { getVenueByCode, type PublicVenue } from './api';
import { DeclarationForm } from './DeclarationForm';
import { useStore } from './storage';
import './checkin.css';

export default function DeclareScreen() {
  const { t } = useI18n();
  const { search } = useLocation();
  const venueCode = search.get('venue') ?? undefined;
  const { declarations } = useStore();
  const [round, setRound] = useState(0);
  const venueState = useAsync<PublicVenue | undefined>((signal) => (venueCode ? getVenueByCode(venueCode, signal) : Promise.resolve(undefined)), [venueCode]);
  const venue = venueState.data;
  const venueProblem = venueState.error instanceof ApiError ? (venueState.error.fields.code ?? venueState.error.message) : null;
  const usable = venue && venue.status === 'active' ? venue : undefined;

  return (
    <section className="checkin-page" aria-labelledby="declare-title">
      <h1 id="declare-title">{t('checkin.declare.title')}</h1>
      {usable ? (
        <p className="checkin-eyebrow" data-testid="declare-venue">
          {t('checkin.declare.atVenue', { name: usable.name })}
        </p>
      ) : (
        <p className="muted">{t('checkin.declare.intro')}</p>
      )}
      {venueCode && venueState.loading && <Loading />}
      {venueCode && (venueProblem || venue?.status === 'closed') && (
        <p className="notice notice-info" role="status">
          {/revoked/.test(venueProblem ?? '') ? t('checkin.revoked') : venue?.status === 'closed' ? t('checkin.closed') : t('checkin.declare.venueUnknown')}
        </p>
      )}
      {declarations.length > 0 && (
        <p>
          <Link to="/me">{t('checkin.declare.saved', { count: declarations.length })}</Link>
        </p>
      )}
      {!(venueCode && venueState.loading) && (
        <div className="checkin-card">
          <DeclarationForm key={`${usable?.id ?? ''}-${round}`} venueCode={usable ? venueCode : undefined} venue={usable}
            after={
              <button type="button" className="button-secondary checkin-big-button" onClick={() => setRound(round + 1)}>
                {t('checkin.declare.another')}
              </button>
            }
          />
        </div>
      )}
    </section>
  );
}
