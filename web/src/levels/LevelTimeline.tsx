import { useI18n } from '../i18n';
import { formatDate } from '../lib/format';
import type { PublishedLevel } from './api';
import { levelName } from './labels';
import { colourOf } from './LevelBadge';

const DAY_MS = 86_400_000;
/** A period is drawn at most this many days wide, so that the level in force for years leaves room for the others. */
const LONGEST_DRAWN = 56;
const days = (from: string, to: string) => Math.max(1, Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS));

export interface Period {
  level: number;
  from: string;
  /** The day the next level took effect, or null while in force. */
  until: string | null;
  week: string;
}

/** The levels in force over time: for each effective date the latest publication, oldest first. */
export function periodsOf(items: PublishedLevel[]): Period[] {
  const byDate = new Map<string, PublishedLevel>();
  for (const item of items) {
    const known = byDate.get(item.effectiveFrom);
    if (!known || known.publishedAt < item.publishedAt) byDate.set(item.effectiveFrom, item);
  }
  const sorted = [...byDate.values()].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  return sorted.map((item, index) => ({ level: item.level, from: item.effectiveFrom, until: sorted[index + 1]?.effectiveFrom ?? null, week: item.week }));
}

/**
 * A step chart in HTML: one column per period, as wide as it lasted (up to 8 weeks) and as tall as its level,
 * in the level's colour and with its number written on it. The table beside it carries the same facts.
 */
export function LevelTimeline({ periods, name, today }: { periods: Period[]; name: string; today: string }) {
  const { t } = useI18n();
  return (
    <figure className="timeline" aria-label={t('levels.historyChart', { name })} data-testid="level-timeline">
      <div className="timeline-chart">
        <div className="timeline-axis" aria-hidden="true">
          {[4, 3, 2, 1].map((level) => (
            <span key={level} style={{ bottom: `${level * 25}%` }}>
              {level}
            </span>
          ))}
        </div>
        <ol className="timeline-bars">
          {periods.map((period) => {
            const end = period.until ?? (today > period.from ? today : period.from);
            const label = `${levelName(t, period.level)} · ${formatDate(period.from)} – ${period.until ? formatDate(period.until) : t('levels.today')}`;
            return (
              <li key={period.from} className="timeline-period" style={{ flexGrow: Math.min(days(period.from, end), LONGEST_DRAWN) }} title={label}>
                <span className={`timeline-bar level-${colourOf(period.level)}`} style={{ height: `${period.level * 25}%` }}>
                  <span className="timeline-level">{period.level}</span>
                </span>
                <span className="visually-hidden">{label}</span>
                <span className="timeline-date" aria-hidden="true">
                  {formatDate(period.from)}
                </span>
              </li>
            );
          })}
        </ol>
      </div>
      <figcaption className="muted">{t('levels.historyChart', { name })}</figcaption>
    </figure>
  );
}
