import { useEffect, useState } from 'react';
import { useI18n } from '../i18n';
import { formatDate } from '../lib/format';
import { currentWeek, shiftWeek, weekRange } from './week';

/** An ISO week as text (2021-W45) with previous/next buttons; the same in every browser. */
export function WeekPicker({ week, onWeek }: { week: string; onWeek: (week: string) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState(week);
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    setText(week);
    setInvalid(false);
  }, [week]);
  const range = weekRange(week);

  const commit = () => {
    const value = text.trim().toUpperCase();
    if (value === week) return;
    if (weekRange(value)) onWeek(value);
    else setInvalid(true);
  };

  return (
    <div className={invalid ? 'field field-invalid' : 'field'}>
      <label htmlFor="levels-week">{t('levels.week')}</label>
      <small id="levels-week-hint" className="muted">
        {range ? t('levels.weekRange', { start: formatDate(range.start), end: formatDate(range.end) }) : t('levels.weekHint')}
      </small>
      <div className="week-picker">
        <button type="button" className="button-secondary" onClick={() => onWeek(shiftWeek(week, -1))} aria-label={t('levels.prevWeek')}>
          ‹
        </button>
        <input
          id="levels-week"
          value={text}
          inputMode="text"
          autoComplete="off"
          placeholder="2021-W45"
          aria-invalid={invalid}
          aria-describedby={invalid ? 'levels-week-hint levels-week-error' : 'levels-week-hint'}
          onChange={(e) => {
            setText(e.target.value);
            setInvalid(false);
          }}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            }
          }}
        />
        <button type="button" className="button-secondary" onClick={() => onWeek(shiftWeek(week, 1))} aria-label={t('levels.nextWeek')}>
          ›
        </button>
        {week !== currentWeek() && (
          <button type="button" className="button-link" onClick={() => onWeek(currentWeek())}>
            {t('levels.thisWeek')}
          </button>
        )}
      </div>
      {invalid && (
        <p id="levels-week-error" className="field-error">
          {t('levels.weekInvalid')}
        </p>
      )}
    </div>
  );
}
