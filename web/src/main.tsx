import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider, preloadStoredLanguage } from './i18n';
import { App, preloadPage } from './shell/App';
import './styles.css';
// The public map's styles (a few KB) are in the first stylesheet: one request fewer before its first paint.
import './public/public.css';
import './map/map.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

// A public page's code (see shell/App.tsx) and the chosen language's messages first, then the first
// render; what cannot load is handled by the render (the loading screen and its error, Vietnamese).
void Promise.all([preloadPage(window.location.pathname), preloadStoredLanguage()])
  .catch(() => undefined)
  .finally(() => {
    createRoot(root).render(
      <StrictMode>
        <I18nProvider>
          <App />
        </I18nProvider>
      </StrictMode>,
    );
  });
