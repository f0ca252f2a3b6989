import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SessionProvider } from './auth/session';
import { I18nProvider } from './i18n';
import { App } from './shell/App';
import { UnitsProvider } from './units/UnitsProvider';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <SessionProvider>
        <UnitsProvider>
          <App />
        </UnitsProvider>
      </SessionProvider>
    </I18nProvider>
  </StrictMode>,
);
