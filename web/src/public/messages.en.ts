// English of public/messages.ts: part of the English chunk, fetched only when English is chosen (i18n/index.tsx).
import type { publicVi } from './messages';

export const publicEn: Record<keyof typeof publicVi, string> = {
  'public.siteName': 'Vigil Hậu Giang',
  'public.tagline': 'Epidemic information for Hậu Giang',
  'public.map': 'Map',
  'public.announcements': 'Announcements',
  'public.stats': 'Statistics',
  'public.staffSignIn': 'Staff sign-in',
};
