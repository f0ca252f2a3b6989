// The numbers of contact follow-up, in one place. They are rules officials may change (STYLE 15):
// when they do, these become versioned data like the epidemic-level rules.
import { addDays, todayInVietnam } from '../open/time.js';

/** Follow-up of a confirmed contact lasts until this many days after the last exposure (local dates). */
export const FOLLOW_UP_DAYS = 14;

/** The last day of follow-up of a contact last exposed at that instant (or today, when unknown). */
export function followUpUntil(lastExposureAt: Date | null, now: Date = new Date()): string {
  return addDays(todayInVietnam(lastExposureAt ?? now), FOLLOW_UP_DAYS);
}
