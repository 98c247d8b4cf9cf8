// A completed questionnaire's way to the register, in words.
import { useTranslation } from 'react-i18next';
import { OutboxStatus, WaitReason, type OutboxRow } from '../device/rows.js';
import { useFormatDate } from './format.js';

export function DeliveryState({ row }: { row: OutboxRow }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  switch (row.status) {
    case OutboxStatus.acknowledged:
      return <>{t('delivery.received', { date: formatDate(row.receipt?.receivedAt ?? row.updatedAt) })}</>;
    case OutboxStatus.rejected:
      return <>{t('delivery.refused', { reason: row.lastError ? t(`apiError.${row.lastError.error}`, { minutes: 1 }) : '' })}</>;
    case OutboxStatus.sending:
      return <>{t('delivery.sending')}</>;
    case OutboxStatus.queued:
      if (row.waitingFor === WaitReason.network) return <>{t('delivery.waitingForNetwork')}</>;
      return <>{row.waitingFor === null ? t('delivery.sending') : t('delivery.waitingToRetry')}</>;
  }
}
