// Web Push for the installed app: this device subscribes with the service worker and tells the server,
// with the personal code so that messages meant for its owner (exposure, quarantine, test orders) reach it.
import { request } from '../lib/api';

export const pushSupported = (): boolean =>
  typeof window !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

/** base64url (the VAPID key) → the bytes PushManager.subscribe wants. */
export function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  const text = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(text.length));
  for (let i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);
  return bytes;
}

export async function currentSubscription(): Promise<PushSubscription | null> {
  if (!pushSupported()) return null;
  const registration = await navigator.serviceWorker.ready;
  return registration.pushManager.getSubscription();
}

/** Asks permission, subscribes and registers the device; the answer says whether it was linked to the person. */
export async function subscribePush(personCode: string, locale: 'vi' | 'en'): Promise<{ personLinked: boolean } | 'denied'> {
  if ((await Notification.requestPermission()) !== 'granted') return 'denied';
  const registration = await navigator.serviceWorker.ready;
  const { publicKey } = await request<{ publicKey: string }>('/api/v1/notifications/push/key');
  const subscription =
    (await registration.pushManager.getSubscription()) ??
    (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) }));
  return request<{ id: string; personLinked: boolean }>('/api/v1/notifications/push/subscriptions', {
    method: 'POST',
    body: { ...subscription.toJSON(), locale, personCode },
  });
}

export async function unsubscribePush(): Promise<void> {
  const subscription = await currentSubscription();
  if (!subscription) return;
  await request<undefined>('/api/v1/notifications/push/subscriptions', { method: 'DELETE', body: { endpoint: subscription.endpoint } });
  await subscription.unsubscribe();
}
