import { useState } from 'react';
import { useI18n } from '../i18n';
import { formatDateTime, formatNumber } from '../lib/format';
import { Link } from '../lib/router';
import type { Result } from './api';
import { AdjustForm } from './AdjustForm';
import { reasonTag, reasonText } from './labels';
import { LevelBadge } from './LevelBadge';

const RAISES = new Set(['coverage_low', 'elderly_shortfall', 'capped', 'no_downgrade']);

interface Props {
  assessmentId: string;
  result: Result;
  editable: boolean;
  caseBands: number[] | undefined;
  onAdjusted: (result: Result) => void;
}

/** One unit of a draft: its level, the figures behind it and each step of the rules as a reason. */
export function ResultCard({ assessmentId, result, editable, caseBands, onAdjusted }: Props) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const [adjusting, setAdjusting] = useState(false);
  const titleId = `result-${result.unitCode}`;

  return (
    <li
      className={`result result-${result.colour} result-${result.unitLevel}`}
      aria-labelledby={titleId}
      data-testid={`result-${result.unitCode}`}
    >
      <div className="result-head">
        <h3 id={titleId}>
          {result.unitName} <span className="unit-code">{result.unitCode}</span>
        </h3>
        <LevelBadge level={result.level} />
      </div>
      <dl className="result-facts">
        <div>
          <dt>{t('levels.col.rate')}</dt>
          <dd>{formatNumber(result.casesPer100k, locale)}</dd>
        </div>
        <div>
          <dt>{t('levels.col.band')}</dt>
          <dd>{t('levels.band', { band: result.band })}</dd>
        </div>
        {result.level !== result.computedLevel && (
          <div>
            <dt>{t('levels.col.computed')}</dt>
            <dd>{t('levels.levelShort', { level: result.computedLevel })}</dd>
          </div>
        )}
      </dl>
      <ul className="reasons" aria-label={t('levels.col.reasons')}>
        {result.reasons.map((reason, index) => (
          <li
            key={`${reason.code}-${index}`}
            className={reason.code === 'adjusted' ? 'reason-adjusted' : RAISES.has(reason.code) ? 'reason-raises' : undefined}
            data-reason={reason.code}
          >
            <span className="reason-tag">{reasonTag(t, reason.code)}</span>
            <span>{reasonText(i18n, reason, caseBands)}</span>
          </li>
        ))}
      </ul>
      {result.adjustment && (
        <p className="muted">{t('levels.adjustedBy', { by: result.adjustment.by ?? '—', time: formatDateTime(result.adjustment.at) })}</p>
      )}
      {adjusting ? (
        <AdjustForm
          assessmentId={assessmentId}
          result={result}
          onCancel={() => setAdjusting(false)}
          onDone={(next) => {
            setAdjusting(false);
            onAdjusted(next);
          }}
        />
      ) : (
        <div className="actions">
          {editable && (
            <button type="button" className="button-secondary button-small" onClick={() => setAdjusting(true)}>
              {t('levels.adjust')}
              <span className="visually-hidden"> {result.unitName}</span>
            </button>
          )}
          <Link to={`/levels/history/${result.unitCode}`} className="button button-secondary button-small" aria-label={t('levels.openHistoryOf', { name: result.unitName })}>
            {t('levels.openHistory')}
          </Link>
        </div>
      )}
    </li>
  );
}
