// The screen an address names, for a signed-in staff member.
import { useTranslation } from 'react-i18next';
import type { StaffRoute } from '../routing.js';
import { PageHeading } from '../ui.js';
import { AccountsScreen } from './AccountsScreen.js';
import { AuditScreen } from './AuditScreen.js';
import { ExportsScreen } from './ExportsScreen.js';
import { NewOrderScreen } from './NewOrderScreen.js';
import { OrdersScreen } from './OrdersScreen.js';
import { PatientScreen } from './PatientScreen.js';
import { SignInScreen } from './SignInScreen.js';
import { SubmissionScreen } from './SubmissionScreen.js';
import { TabletsScreen } from './TabletsScreen.js';

export function ScreenFor({ route }: { route: StaffRoute }) {
  const { t } = useTranslation('staff');
  switch (route.name) {
    case 'orders':
      return <OrdersScreen />;
    case 'newOrder':
      return <NewOrderScreen />;
    case 'patient':
      return <PatientScreen key={route.patientRef} patientRef={route.patientRef} />;
    case 'submission':
      return <SubmissionScreen key={route.submissionId} submissionId={route.submissionId} />;
    case 'tablets':
      return <TabletsScreen />;
    case 'exports':
      return <ExportsScreen />;
    case 'accounts':
      return <AccountsScreen />;
    case 'audit':
      return <AuditScreen />;
    case 'signIn':
      return <SignInScreen />;
    default:
      return <PageHeading>{t('notFoundPage')}</PageHeading>;
  }
}
