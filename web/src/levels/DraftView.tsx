import { useState } from 'react';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n';
import { ApiError } from '../lib/api';
import { formatDate, formatDateTime } from '../lib/format';
import { ErrorNotice, Loading, SuccessNotice } from '../lib/ui';
import { useAsync } from '../lib/useAsync';
import { useUnits } from '../units/UnitsProvider';
import { computeDraft, getAssessment, LEVELS, listAssessments, type Assessment, type Result, type RuleSetView } from './api';
import { fieldLabel } from './fieldLabel';
import { fieldErrorText, splitFieldPath, warningText } from './labels';
import { LevelBadge } from './LevelBadge';
import { PublishDialog } from './PublishDialog';
import { ResultCard } from './ResultCard';

interface Props {
  week: string;
  area: string;
  ruleSets: RuleSetView[];
  /** Hands the cells a 422 named to the figures view, and opens it. */
  onMissing: (fields: Record<string, string>) => void;
  onGoInputs: () => void;
}

const MISSING_SHOWN = 8;

/** Compute a draft for the week and area, review each unit's reasons, adjust, publish. */
export function DraftView({ week, area, ruleSets, onMissing, onGoInputs }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = useSession();
  const { byCode } = useUnits();
  const areaName = byCode.get(area)?.name ?? area;
  const list = useAsync((signal) => listAssessments(week, signal), [week]);
  const latestId = list.data?.items.find((a) => a.unitCode === area)?.id;
  const loaded = useAsync((signal) => (latestId ? getAssessment(latestId, signal) : Promise.resolve(null)), [latestId]);
  const [current, setCurrent] = useState<Assessment | null>(null);
  const [busy, setBusy] = useState(false);
  const [computeError, setComputeError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const [publishing, setPublishing] = useState(false);

  const assessment = current ?? loaded.data ?? null;
  const loadError = list.error ?? loaded.error;

  const compute = async () => {
    setBusy(true);
    setComputeError(undefined);
    setNotice(undefined);
    try {
      setCurrent(await computeDraft(week, area));
      list.reload();
    } catch (cause) {
      setComputeError(cause);
      if (cause instanceof ApiError && cause.status === 422) onMissing(cause.fields);
    } finally {
      setBusy(false);
    }
  };

  const adjusted = (result: Result) => {
    if (!assessment) return;
    setCurrent({ ...assessment, results: assessment.results.map((r) => (r.unitCode === result.unitCode ? result : r)) });
    setNotice(t('levels.adjusted', { name: result.unitName, level: t('levels.levelShort', { level: result.level }) }));
  };

  const published = (next: Assessment) => {
    setPublishing(false);
    setCurrent(next);
    setNotice(t('levels.published', { week: next.week, date: formatDate(next.effectiveFrom) }));
    list.reload();
  };

  const isDraft = assessment?.status === 'draft';
  return (
    <section aria-labelledby="levels-draft-title" data-testid="levels-draft">
      <h2 id="levels-draft-title" className="visually-hidden">
        {t('levels.tab.draft')}
      </h2>
      <div className="actions">
        <button type="button" className="button-primary" disabled={busy} onClick={() => void compute()}>
          {busy ? t('levels.computing') : isDraft ? t('levels.recompute') : t('levels.compute')}
        </button>
        {isDraft && can('levels:publish') && (
          <button type="button" className="button-secondary" onClick={() => setPublishing(true)}>
            {t('levels.publish')}
          </button>
        )}
      </div>
      <p className="muted">{isDraft ? t('levels.recomputeHint') : ''}</p>
      {isDraft && !can('levels:publish') && <p className="notice notice-info">{t('levels.noPublishRight')}</p>}
      {computeError !== undefined && <ComputeError error={computeError} week={week} onGoInputs={onGoInputs} />}
      {notice && <SuccessNotice>{notice}</SuccessNotice>}
      {loadError !== undefined && <ErrorNotice error={loadError} onRetry={list.reload} />}
      {(list.loading || loaded.loading) && !assessment && <Loading />}
      {!list.loading && !loaded.loading && !assessment && loadError === undefined && (
        <p className="card">{t('levels.noAssessment', { week, unit: areaName })}</p>
      )}
      {assessment && (
        <AssessmentDetail
          assessment={assessment}
          areaName={byCode.get(assessment.unitCode)?.name ?? assessment.unitCode}
          caseBands={ruleSets.find((rules) => rules.id === assessment.ruleSetId)?.caseBands}
          editable={isDraft}
          onAdjusted={adjusted}
        />
      )}
      {publishing && assessment && (
        <PublishDialog assessment={assessment} unitName={areaName} onDone={published} onCancel={() => setPublishing(false)} />
      )}
    </section>
  );
}

function ComputeError({ error, week, onGoInputs }: { error: unknown; week: string; onGoInputs: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { byCode } = useUnits();
  if (!(error instanceof ApiError) || error.status !== 422 || Object.keys(error.fields).length === 0) {
    return <ErrorNotice error={error} />;
  }
  const items = Object.entries(error.fields).flatMap(([path, message]) => {
    const where = splitFieldPath(path);
    if (!where) return [];
    const unit = byCode.get(where.code);
    return [t('levels.missingItem', {
      unit: unit ? `${unit.name} (${where.code})` : where.code,
      field: fieldLabel(t, where.field),
      reason: fieldErrorText(i18n, where.field, message),
    })];
  });
  return (
    <div className="notice notice-error" role="alert" data-testid="compute-error">
      <p>{t('levels.err.incomplete', { week, count: items.length })}</p>
      <ul className="missing-list">
        {items.slice(0, MISSING_SHOWN).map((item) => (
          <li key={item}>{item}</li>
        ))}
        {items.length > MISSING_SHOWN && <li>{t('levels.err.more', { count: items.length - MISSING_SHOWN })}</li>}
      </ul>
      <button type="button" className="button-secondary" onClick={onGoInputs}>
        {t('levels.err.goInputs')}
      </button>
    </div>
  );
}

interface DetailProps {
  assessment: Assessment;
  areaName: string;
  caseBands: number[] | undefined;
  editable: boolean;
  onAdjusted: (result: Result) => void;
}

function AssessmentDetail({ assessment, areaName, caseBands, editable, onAdjusted }: DetailProps) {
  const { t } = useI18n();
  const counts = LEVELS.map((level) => ({ level, count: assessment.results.filter((r) => r.level === level).length }));
  return (
    <>
      <div className="card" data-testid="assessment" data-status={assessment.status}>
        <div className="assessment-head">
          <h2>{t('levels.assessmentOf', { week: assessment.week, unit: areaName })}</h2>
          <span className="badge">{t(`levels.status.${assessment.status}`)}</span>
        </div>
        <p className="muted">
          {t('levels.assessmentMeta', { ruleSet: assessment.ruleSetId, time: formatDateTime(assessment.computedAt) })}
          {assessment.publishedAt && (
            <>
              <br />
              {t('levels.publishedMeta', { time: formatDateTime(assessment.publishedAt), date: formatDate(assessment.effectiveFrom) })}
            </>
          )}
        </p>
        {assessment.warnings.length > 0 && (
          <div className="notice notice-info" data-testid="assessment-warnings">
            <strong>{t('levels.warnings')}</strong>
            <ul className="missing-list">
              {assessment.warnings.map((warning) => (
                <li key={warning}>{warningText(t, warning)}</li>
              ))}
            </ul>
          </div>
        )}
        <ul className="level-summary" aria-label={t('levels.summary')}>
          {counts.map(({ level, count }) => (
            <li key={level}>
              <LevelBadge level={level} short /> {t('levels.countOf', { count })}
            </li>
          ))}
        </ul>
      </div>
      <ul className="results">
        {assessment.results.map((result) => (
          <ResultCard
            key={result.unitCode}
            assessmentId={assessment.id}
            result={result}
            editable={editable}
            caseBands={caseBands}
            onAdjusted={onAdjusted}
          />
        ))}
      </ul>
    </>
  );
}
