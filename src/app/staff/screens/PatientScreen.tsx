// One patient reference: its orders and, for each questionnaire received, the way to its answers.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../ui.js';
import { OrderList, useOrderPages } from './OrdersScreen.js';

export function PatientScreen({ patientRef }: { patientRef: string }) {
  const { t } = useTranslation('staff');
  const filter = useMemo(() => ({ patientRef, state: '', from: '', to: '' }), [patientRef]);
  const pages = useOrderPages(filter);
  return (
    <section>
      <PageHeading>{t('patient.heading', { patientRef })}</PageHeading>
      <h2>{t('patient.orders')}</h2>
      <OrderList pages={pages} />
    </section>
  );
}
