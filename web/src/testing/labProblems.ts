// The laboratory API's reasons (English), said in the lab's language: CSV rows and result fields.
import type { Lang, MessageKey, Translate } from '../i18n';
import { localiseServerMessage } from '../i18n/serverMessages';

const PROBLEMS: [RegExp, MessageKey][] = [
  [/^no such tube$/, 'lab.problem.noTube'],
  [/^repeats the barcode of/, 'lab.problem.repeatedBarcode'],
  [/planned resample tube/, 'lab.problem.notResampled'],
  [/^holds no samples$/, 'lab.problem.empty'],
  [/differs from the tube's current result/, 'lab.problem.differs'],
  [/^must be a number from 0 to 50/, 'lab.problem.ct'],
  [/^must be 4 to 40 letters, digits or dashes$/, 'lab.problem.barcode'],
  [/^must be positive, negative or invalid/, 'lab.problem.outcome'],
  [/^is not a known column/, 'lab.problem.column'],
  [/^must be 3 to 500 characters$/, 'lab.problem.reason'],
];

export function labProblemText(reason: string, t: Translate, lang: Lang): string {
  const known = PROBLEMS.find(([pattern]) => pattern.test(reason));
  return known ? t(known[1]) : localiseServerMessage(reason, lang);
}
