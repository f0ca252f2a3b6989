// English of exposure.messages.ts: part of the English chunk, fetched only when English is chosen.
import type { exposureVi } from './exposure.messages';

export const exposureEn: Record<keyof typeof exposureVi, string> = {
  'checkin.exposure.title': 'Check against places with a case',
  'checkin.exposure.checking': 'Comparing with the list of places where a case was…',
  'checkin.exposure.none': 'No match: the check-ins on this phone do not overlap any place and time where a case was ({notices} notices in the last {days} days). Updated at {time}.',
  'checkin.exposure.nothingToCompare': 'This phone has no check-ins to compare yet. The list of places with a case was updated at {time}.',
  'checkin.exposure.private': 'The comparison happens on this phone: the history of where you went is not sent anywhere.',
  'checkin.exposure.warningTitle': 'You may have been in contact with a case',
  'checkin.exposure.warningIntro': 'According to the check-ins on this phone, you were at the same place at the same time as a case:',
  'checkin.exposure.caseWas': 'The case was there: {window}',
  'checkin.exposure.youWere': 'You checked in at {time}',
  'checkin.exposure.whatToDo': 'What to do',
  'checkin.exposure.step.call': 'Contact the health station of your commune or ward now and tell them the place and time above.',
  'checkin.exposure.step.watch': 'Watch your health for 14 days: fever, cough, sore throat, shortness of breath, loss of taste or smell.',
  'checkin.exposure.step.test': 'Get tested as the health station advises.',
  'checkin.exposure.step.limit': 'Meanwhile: wear a mask, limit contact and avoid crowded places.',

  'checkin.push.title': 'Notifications on this phone',
  'checkin.push.intro': 'The health authorities can tell you at once when you need to quarantine, get tested or were where a case was.',
  'checkin.push.turnOn': 'Turn on notifications',
  'checkin.push.turnOff': 'Turn off notifications',
  'checkin.push.on': 'Notifications are on for this phone.',
  'checkin.push.denied': 'The browser blocks notifications from this site: allow them in the browser\'s settings.',
};
