// Exports for register staff: the CSV and JSON the command line gives, with the same filters.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { registerApi } from '../../../core/index.js';
import { useConsole } from '../console-context.js';
import { saveBlob } from '../download.js';
import { ErrorMessage, Field, PageHeading } from '../ui.js';

export function ExportsScreen() {
  const { t } = useTranslation('staff');
  const { api, announce } = useConsole();
  const [filter, setFilter] = useState({ patientRef: '', orderId: '', questionnaire: '' });
  const [error, setError] = useState<unknown>(undefined);
  const update = (name: keyof typeof filter) => (event: { target: { value: string } }) =>
    setFilter({ ...filter, [name]: event.target.value });
  const download = async (format: 'csv' | 'json') => {
    const endpoint = format === 'csv' ? registerApi.exportCsv : registerApi.exportJson;
    const file = `submissions.${format}`;
    try {
      const blob = await api.download(endpoint.path, {
        patientRef: filter.patientRef.trim() || undefined,
        orderId: filter.orderId.trim() || undefined,
        questionnaire: filter.questionnaire.trim() || undefined,
      });
      saveBlob(blob, file);
      setError(undefined);
      announce(t('exports.downloaded', { file }));
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <section>
      <PageHeading>{t('exports.heading')}</PageHeading>
      <p>{t('exports.intro')}</p>
      <form
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          void download('csv');
        }}
        noValidate
      >
        <ErrorMessage error={error} />
        <Field label={t('orders.patientRef')} value={filter.patientRef} onChange={update('patientRef')} />
        <Field label={t('exports.orderId')} value={filter.orderId} onChange={update('orderId')} />
        <Field label={t('exports.questionnaire')} value={filter.questionnaire} onChange={update('questionnaire')} />
        <div className="actions">
          <button type="submit" className="primary">
            {t('exports.csv')}
          </button>
          <button type="button" onClick={() => void download('json')}>
            {t('exports.json')}
          </button>
        </div>
      </form>
    </section>
  );
}
