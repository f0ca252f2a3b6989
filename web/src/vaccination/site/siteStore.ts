// The site and the lot in use are chosen once a session and remembered on this device.
const KEY = 'vigil.vaccinationDesk';

export interface DeskChoice { siteId: string | null; lotId: string | null }

export function storedDesk(): DeskChoice {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<DeskChoice> | null;
    return { siteId: value?.siteId ?? null, lotId: value?.lotId ?? null };
  } catch {
    return { siteId: null, lotId: null };
  }
}

export function storeDesk(choice: DeskChoice): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(choice));
  } catch {
    // storage unavailable: chosen again next time
  }
}
