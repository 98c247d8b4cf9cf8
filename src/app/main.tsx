import './zod-config.js';
import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { openDeviceDatabase } from '../device/database.js';
import { lazyProofSolver } from '../device/lazy-proof-solver.js';
import { httpRegisterClient } from '../device/register-client.js';
import { App, initialLanguage } from './App.js';
import { fetchEarly } from './early-questionnaire.js';
import { loadMessages, type Messages, type UiLanguage } from './i18n/i18n.js';
import './styles.css';

// Before React renders: the network fetches the questionnaire while the bundle starts up, and the
// browser opens (on a first visit, creates) the device's database while React draws the shell, which
// otherwise waits for it before any screen (the tablet check, App.tsx). A failure to open is not
// reported here: Dexie keeps it and every query rejects with it, as when the first query opened it.
const early = fetchEarly(window.location.hash);
const db = openDeviceDatabase();
db.open().catch(() => undefined);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// A transition, so React renders in slices and the questionnaire's fetches go on in between.
const render = (messages: Partial<Record<UiLanguage, Messages>>) =>
  startTransition(() =>
    createRoot(root).render(
      <StrictMode>
        <App
          db={db}
          client={httpRegisterClient({ solveProofOfWork: lazyProofSolver })}
          early={early}
          messages={messages}
          serviceWorkerUrl={import.meta.env.PROD ? `${import.meta.env.BASE_URL}sw.js` : null}
        />
      </StrictMode>,
    ),
  );

// The interface language is loaded before the first render when it is not the bundled bokmål:
// suspending for it would show an empty page first, and React then holds back the page that
// follows (its fallback throttling, 300 ms). If it cannot be loaded, the app suspends for it as before.
const language = initialLanguage();
loadMessages(language).then(
  (messages) => render({ [language]: messages }),
  () => render({}),
);
