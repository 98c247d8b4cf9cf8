// The staff console's entry (staff/index.html): a page of its own, loaded only when opened, so that
// nothing of it reaches the patient's route or a patient's precache.
import '../zod-config.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { httpStaffApi } from './api.js';
import { StaffConsole } from './StaffConsole.js';
import { createStaffI18n, initialStaffLanguage } from './staff-i18n.js';
import '../styles.css';
import './staff.css';

const root = document.getElementById('root');
if (!root) throw new Error('staff/index.html has no #root element');
const language = initialStaffLanguage();
document.documentElement.lang = language;

createRoot(root).render(
  <StrictMode>
    <StaffConsole api={httpStaffApi()} i18n={createStaffI18n(language)} />
  </StrictMode>,
);
