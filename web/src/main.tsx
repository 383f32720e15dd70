import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './app/i18n';
import { LinliApp } from './app/app';
import './app/global.css';

const container = document.getElementById('root');
if (!container) {
  throw new Error('index.html has no #root');
}
createRoot(container).render(
  <StrictMode>
    <LinliApp />
  </StrictMode>,
);
