// One patient's turn on the tablet: the order's questionnaires in sequence, every answer encrypted
// under the patient's vault, each questionnaire sealed for the register as it is completed.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Answers, ParsedDefinition } from '../../core/index.js';
import { loadDefinition } from '../../device/definitions.js';
import { getOrder } from '../../device/orders.js';
import {
  findResumableResponse,
  getAnswers,
  listResponses,
  ResponseStatus,
  startResponse,
  type ResponseRecord,
} from '../../device/responses.js';
import type { DraftVault } from '../../device/vault.js';
import { useDevice } from '../device-context.js';
import { ResponseView } from '../questionnaire/ResponseView.js';
import { useSealAndSend } from '../use-seal-and-send.js';

type Step =
  | { status: 'loading' }
  | { status: 'answering'; parsed: ParsedDefinition; response: ResponseRecord; answers: Answers; index: number; total: number }
  | { status: 'failed' };

export function TabletSession({ orderId, vault, onFinished }: { orderId: string; vault: DraftVault; onFinished: () => void }) {
  const { t, i18n } = useTranslation();
  const db = useDevice();
  const sealAndSend = useSealAndSend();
  const [step, setStep] = useState<Step>({ status: 'loading' });

  const next = useCallback(async () => {
    const order = await getOrder(db, orderId);
    if (!order) return setStep({ status: 'failed' });
    const responses = (await listResponses(db)).filter((r) => r.orderId === orderId);
    const index = order.questionnaires.findIndex(
      ({ key }) => !responses.some((r) => r.definitionKey === key && r.status === ResponseStatus.completed),
    );
    const entry = order.questionnaires[index];
    if (!entry) return onFinished();
    const parsed = await loadDefinition(db, entry.key);
    if (!parsed) return setStep({ status: 'failed' });
    const resumable = await findResumableResponse(db, entry.key, orderId);
    const response = resumable ?? (await startResponse(db, parsed, i18n.language, orderId, vault));
    setStep({
      status: 'answering',
      parsed,
      response,
      answers: await getAnswers(db, response.id, vault),
      index,
      total: order.questionnaires.length,
    });
  }, [db, orderId, vault, i18n.language, onFinished]);

  useEffect(() => {
    next().catch(() => setStep({ status: 'failed' }));
  }, [next]);

  if (step.status === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (step.status === 'failed')
    return (
      <p className="notice notice-error" role="alert">
        {t('questionnaire.loadFailed')}
      </p>
    );
  return (
    <ResponseView
      key={step.response.id}
      parsed={step.parsed}
      response={step.response}
      initialAnswers={step.answers}
      language={i18n.language}
      vault={vault}
      sequence={{ current: step.index + 1, total: step.total }}
      complete={(id) => sealAndSend(id, vault)}
      onCompleted={() => {
        setStep({ status: 'loading' });
        next().catch(() => setStep({ status: 'failed' }));
      }}
      onExit={onFinished}
    />
  );
}
