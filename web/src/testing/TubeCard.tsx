// The open tube: its barcode, how full it is against its cap, the pool size the engine proposes for
// the session's commune, and sealing (two taps, so a stray one does not close a tube).
import { useState } from 'react';
import { useI18n } from '../i18n';
import type { PoolSizeProposal } from './roundsApi';
import type { LocalTube } from './sampleQueue';

interface Props {
  barcode: string;
  filled: number;
  cap: number;
  /** the engine's proposal; null for individual sessions or while unknown */
  proposal: PoolSizeProposal | null;
  local: LocalTube | undefined;
  /** the server's status of the tube when known (another phone may have sealed it) */
  serverStatus: string | undefined;
  onSeal: () => void;
  onClose: () => void;
}

export function TubeCard({ barcode, filled, cap, proposal, local, serverStatus, onSeal, onClose }: Props) {
  const { t, locale } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const proposed = proposal ? Math.min(proposal.proposedPoolSize, cap) : null;
  const full = filled >= cap;
  const sealed = local?.seal === 'waiting' || local?.seal === 'sent' || (serverStatus !== undefined && serverStatus !== 'collecting');
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 });
  return (
    <section className="card tube-card" aria-labelledby="tube-card-title" data-testid="tube-card" data-filled={filled} data-cap={cap}>
      <h2 id="tube-card-title">
        {t('collect.tube')} <span className="mono">{barcode}</span>
      </h2>
      <div className="tube-gauge" role="meter" aria-valuemin={0} aria-valuemax={cap} aria-valuenow={filled} aria-label={t('collect.fillLabel')}>
        <div className={`tube-gauge-bar${full ? ' tube-gauge-full' : ''}`} style={{ width: `${Math.min(100, (filled / cap) * 100)}%` }} />
        {proposed !== null && proposed < cap && <span className="tube-gauge-mark" style={{ left: `${(proposed / cap) * 100}%` }} aria-hidden="true" />}
      </div>
      <p className="tube-fill" data-testid="tube-fill">
        <strong>{t('collect.filled', { filled, cap })}</strong>
      </p>
      {proposal && (
        <p className="muted" data-testid="pool-proposal">
          {t('collect.proposed', { size: proposed ?? proposal.proposedPoolSize, prevalence: percent.format(proposal.prevalence.estimate) })}
          {proposal.prevalence.source === 'prior' && ` ${t('collect.proposedPrior')}`}
        </p>
      )}
      {full && !sealed && <p className="notice notice-info">{t('collect.full')}</p>}
      {!full && proposed !== null && filled >= proposed && !sealed && <p className="notice notice-info">{t('collect.reachedProposed')}</p>}
      {local?.seal === 'waiting' && <p className="notice notice-info">{t('collect.sealWaiting')}</p>}
      {local?.seal === 'rejected' && <p className="notice notice-error" role="alert">{t('collect.sealRefused', { reason: local.sealProblem ?? '' })}</p>}
      {confirming ? (
        <div className="actions" role="group" aria-label={t('collect.seal')}>
          <button type="button" className="button-primary" onClick={() => { setConfirming(false); onSeal(); }} autoFocus data-testid="seal-confirm">
            {t('collect.sealConfirm', { count: filled })}
          </button>
          <button type="button" className="button-secondary" onClick={() => setConfirming(false)}>{t('common.cancel')}</button>
        </div>
      ) : (
        <div className="actions">
          <button type="button" className="button-primary" disabled={filled === 0 || sealed} onClick={() => setConfirming(true)} data-testid="seal">
            {t('collect.seal')}
          </button>
          <button type="button" className="button-secondary" onClick={onClose}>{t('collect.otherTube')}</button>
        </div>
      )}
    </section>
  );
}
