// Labels of catalogue codes and stock warnings, through the message files.
import type { MessageKey, Translate } from '../../i18n';

const PRODUCTS = ['ASTRAZENECA', 'PFIZER', 'MODERNA', 'SINOPHARM', 'SPUTNIK_V', 'ABDALA', 'JANSSEN'];

/** The product's name; a code added to the catalogue later is shown as it is. */
export function productLabel(t: Translate, code: string): string {
  return PRODUCTS.includes(code) ? t(`vstock.product.${code}` as MessageKey) : code;
}
