import './zod-config.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { openDeviceDatabase } from '../device/database.js';
import { httpRegisterClient } from '../device/register-client.js';
import { App } from './App.js';
import './styles.css';


const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App
      db={openDeviceDatabase()}
      client={httpRegisterClient()}
      serviceWorkerUrl={import.meta.env.PROD ? `${import.meta.env.BASE_URL}sw.js` : null} />
  </StrictMode>,
);
