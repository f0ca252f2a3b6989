import type { Translate } from '../i18n';
import { CAPACITY, CASES, POPULATION, PREVIOUS } from './inputsForm';
import { indicatorLabel } from './labels';

/** The column a weekly-figures field is entered in, for messages that name it. */
export function fieldLabel(t: Translate, field: string): string {
  switch (field) {
    case CASES:
      return t('levels.col.cases');
    case POPULATION:
      return t('levels.col.population');
    case CAPACITY:
      return t('levels.col.capacity');
    case PREVIOUS:
      return t('levels.col.previous');
    default:
      return field.endsWith('Share') ? t('levels.percent', { label: indicatorLabel(t, field) }) : field;
  }
}
