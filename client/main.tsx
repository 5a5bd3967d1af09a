import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { initI18n } from './i18n/index.ts';
import { registerOfflineShell } from './sync/offline-shell.ts';
import './styles/base.css';
import './styles/board.css';
import './styles/phases.css';
import './styles/club.css';
import './styles/facilitation.css';

initI18n();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
registerOfflineShell();
