import { useI18n } from '../i18n';
import { levelName } from './labels';

const COLOURS = ['green', 'yellow', 'orange', 'red'] as const;
export const colourOf = (level: number) => COLOURS[Math.min(Math.max(level, 1), 4) - 1] ?? 'green';

/** A level as colour and words together ("Cấp 2 – Nguy cơ trung bình"): colour is never the only signal. */
export function LevelBadge({ level, short = false }: { level: number; short?: boolean }) {
  const { t } = useI18n();
  const name = levelName(t, level);
  return (
    <span className={`level-badge level-${colourOf(level)}`} data-level={level} title={short ? name : undefined}>
      <span className="level-number" aria-hidden="true">
        {level}
      </span>
      <span className={short ? 'visually-hidden' : undefined}>{name}</span>
      {short && <span aria-hidden="true">{t('levels.levelShort', { level })}</span>}
    </span>
  );
}
