// The registration this phone made: its manage token (the key to see, book and cancel) and the
// registration's id, kept in localStorage so the page remembers it. Nothing personal is stored.
const KEY = 'vigil.vaccination.registration';

export interface Remembered { registrationId: string; manageToken: string; communeCode: string }

export function remembered(): Remembered | null {
  try {
    const text = localStorage.getItem(KEY);
    return text ? (JSON.parse(text) as Remembered) : null;
  } catch {
    return null;
  }
}

export function remember(value: Remembered): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(value));
  } catch {
    // storage unavailable: the registration lasts as long as the page
  }
}

export function forget(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // nothing to forget
  }
}

/** A token arriving in an invitation's link (/vaccination#t=…): read once, then removed from the address bar. */
export function tokenFromLink(): string | null {
  const match = /[#&]t=([A-Za-z0-9_-]{40,48})/.exec(window.location.hash);
  if (!match) return null;
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  return match[1] ?? null;
}

/** A new id for a registration or booking: a retry with it is the same request. */
export const newId = () => crypto.randomUUID();
