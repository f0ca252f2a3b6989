// Saying the API's structured reasons, warnings and field errors in the user's language.
import type { Lang, MessageKey, Translate } from '../i18n';
import { localiseServerMessage } from '../i18n/serverMessages';
import { formatDate } from '../lib/format';
import type { Level, Reason, ReasonValue } from './api';
import { levelsVi } from './messages';

type LevelsKey = keyof typeof levelsVi;
const isLevelsKey = (key: string): key is LevelsKey & MessageKey => key in levelsVi;

export interface Speaker {
  t: Translate;
  lang: Lang;
  locale: string;
}

export const levelName = (t: Translate, level: number) =>
  isLevelsKey(`levels.level.${level}`) ? t(`levels.level.${level}` as LevelsKey) : t('levels.levelShort', { level });

/** "Người từ 18 tuổi tiêm ít nhất 1 mũi" for adultsFirstDoseShare; an unknown indicator keeps its name. */
export function indicatorLabel(t: Translate, indicator: string): string {
  const key = `levels.indicator.${indicator}`;
  return isLevelsKey(key) ? t(key) : indicator;
}

const number = (locale: string, value: ReasonValue | undefined) =>
  typeof value === 'number' ? new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value) : String(value ?? '');
const percent = (locale: string, value: ReasonValue | undefined) =>
  typeof value === 'number' ? `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value * 100)}%` : String(value ?? '');

/** Which step of the rules a reason belongs to: its tag in the review. */
export function reasonTag(t: Translate, code: string): string {
  const tag = code.startsWith('coverage') ? 'coverage'
    : code.startsWith('elderly') ? 'elderly'
    : code === 'no_downgrade' ? 'capacity'
    : code;
  const key = `levels.reasonTag.${tag}`;
  return isLevelsKey(key) ? t(key) : code;
}

/** One reason as a sentence; codes this screen does not know yet fall back to the server's English text. */
export function reasonText({ t, locale }: Speaker, reason: Reason, caseBands?: number[]): string {
  const v = reason.values;
  const n = (name: string) => number(locale, v[name]);
  const p = (name: string) => percent(locale, v[name]);
  const indicator = typeof v.indicator === 'string' ? indicatorLabel(t, v.indicator) : '';
  switch (reason.code) {
    case 'case_rate': {
      const [a, b, c] = (caseBands ?? []).map((band) => number(locale, band));
      const rangeKey = `levels.range.${String(v.band)}`;
      const range = a && b && c && isLevelsKey(rangeKey) ? t(rangeKey, { a, b, c }) : '';
      return t('levels.reason.case_rate', { rate: n('rate'), cases: n('cases'), population: n('population'), band: n('band'), range });
    }
    case 'aggregated':
      return t('levels.reason.aggregated', { units: n('units'), unit: String(v.unit ?? '') });
    case 'coverage_low':
    case 'coverage_met':
    case 'elderly_shortfall':
    case 'elderly_met':
      return t(`levels.reason.${reason.code}`, { indicator, value: p('value'), threshold: p('threshold'), added: n('added') });
    case 'elderly_no_cases':
      return t('levels.reason.elderly_no_cases', { indicator: indicator.toLocaleLowerCase(locale) });
    case 'capped':
      return t('levels.reason.capped', { from: n('from'), to: n('to') });
    case 'no_downgrade':
      return t('levels.reason.no_downgrade', { previous: n('previous'), computed: n('computed') });
    case 'capacity_unmet':
      return v.previous === null ? t('levels.reason.capacity_unmet_none') : t('levels.reason.capacity_unmet', { previous: n('previous') });
    case 'adjusted':
      return t('levels.reason.adjusted', { by: String(v.by ?? '—'), from: n('from'), to: n('to'), reason: String(v.reason ?? '') });
    default:
      return reason.text;
  }
}

function componentList(t: Translate, list: string): string {
  return list
    .split(', ')
    .map((item) => {
      const match = /^(\w+) \((\w+)\)$/.exec(item);
      if (!match) return item;
      const component = `levels.component.${match[1]}`;
      const status = `levels.confirmation.${match[2]}`;
      return `${isLevelsKey(component) ? t(component) : match[1]} (${isLevelsKey(status) ? t(status) : match[2]})`;
    })
    .join(', ');
}

/** The draft's warnings arrive as English sentences; the two the server writes today are translated. */
export function warningText(t: Translate, warning: string): string {
  const unconfirmed = /^rule set (\S+) has components not confirmed against the official text: (.+)$/.exec(warning);
  if (unconfirmed) return t('levels.warn.unconfirmed', { id: unconfirmed[1] ?? '', list: componentList(t, unconfirmed[2] ?? '') });
  const later = /^rule set (\S+) is in force only from (\d{4}-\d{2}-\d{2}), after this week$/.exec(warning);
  if (later) return t('levels.warn.later', { id: later[1] ?? '', date: formatDate(later[2]) });
  return warning;
}

/** Rule-set components not confirmed, e.g. "elderly (unconfirmed)", in the user's language. */
export const unconfirmedText = (t: Translate, items: string[]) => componentList(t, items.join(', '));

const SHARE_FIELD = /Share$/;

/** A server field error for an input cell, in the user's language; shares speak in per cent. */
export function fieldErrorText({ t, lang }: Speaker, field: string, message: string): string {
  if (message.startsWith('is missing')) return t(field === 'capacityMet' ? 'levels.err.capacityMissing' : 'levels.err.missing');
  if (SHARE_FIELD.test(field) && /^must be (<=|>=) |^must be a share/.test(message)) return t('levels.err.share');
  if (field === 'newCommunityCases7d' && /^must be (integer|>= 0)|whole number/.test(message)) return t('levels.err.wholeNumber');
  if (field === 'population' && /^must be (integer|>= 1)|whole number/.test(message)) return t('levels.err.population');
  return localiseServerMessage(message, lang);
}

/** "31340.newCommunityCases7d" (422 on compute) or "units[3].population" (400 on save) → code and field. */
export function splitFieldPath(path: string, codesByIndex?: string[]): { code: string; field: string } | null {
  const indexed = /^units\[(\d+)\]\.(\w+)$/.exec(path);
  if (indexed) {
    const code = codesByIndex?.[Number(indexed[1])];
    return code ? { code, field: indexed[2] ?? '' } : null;
  }
  const coded = /^(\d{2,5})\.(\w+)$/.exec(path);
  return coded ? { code: coded[1] ?? '', field: coded[2] ?? '' } : null;
}

export const isLevel = (value: number): value is Level => value === 1 || value === 2 || value === 3 || value === 4;
