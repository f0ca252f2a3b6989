/* global self, clients */
// Web Push in the service worker (imported by the generated worker, vite.config.ts). The server sends
// {id, tag, template, title, body, lang} (docs/API-NOTIFICATIONS.md); the tag makes a repeated delivery
// of the same message replace the first notification instead of showing a second.
self.addEventListener('push', (event) => {
  let data;
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { body: event.data ? event.data.text() : '' };
  }
  const title = typeof data.title === 'string' && data.title ? data.title : 'Vigil';
  event.waitUntil(
    self.registration.showNotification(title, {
      body: typeof data.body === 'string' ? data.body : '',
      tag: data.tag || data.id || undefined,
      lang: data.lang || 'vi',
      icon: '/icon-192.png',
      badge: '/icon-192.png',
      data: { url: '/me', id: data.id, template: data.template },
    }),
  );
});

// A tap opens the citizen's page (where the exposure check and the personal code are), or focuses it.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = (event.notification.data && event.notification.data.url) || '/me';
  event.waitUntil(
    clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => new URL(w.url).pathname === url);
      return open ? open.focus() : clients.openWindow(url);
    }),
  );
});
