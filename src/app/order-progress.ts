// Where a patient stands with an order: each questionnaire in sequence, and which one is next.
import { isOrderExpired } from '../device/register-time.js';
import { OutboxStatus, ResponseStatus, type OrderRow, type OutboxRow, type ResponseRecord } from '../device/rows.js';

export type QuestionnaireProgress =
  | { state: 'notStarted' }
  | { state: 'inProgress'; response: ResponseRecord }
  | { state: 'completed'; response: ResponseRecord; delivery: OutboxRow | undefined };

export interface OrderProgress {
  items: { key: string; progress: QuestionnaireProgress }[];
  completed: number;
  /** The index of the questionnaire to answer now, or null when all are completed. */
  next: number | null;
  isExpired: boolean;
  hasWaitingDelivery: boolean;
}

/** `now` is the device's clock; the order's validity is judged by the register's (see register-time.ts). */
export function orderProgress(order: OrderRow, responses: ResponseRecord[], outbox: OutboxRow[], now: number): OrderProgress {
  const own = responses.filter((r) => r.orderId === order.id);
  const items = order.questionnaires.map(({ key }) => {
    const completed = own.find((r) => r.definitionKey === key && r.status === ResponseStatus.completed);
    if (completed)
      return {
        key,
        progress: { state: 'completed', response: completed, delivery: outbox.find((row) => row.responseId === completed.id) } as const,
      };
    const started = own.find((r) => r.definitionKey === key && r.status === ResponseStatus.inProgress);
    return { key, progress: started ? ({ state: 'inProgress', response: started } as const) : ({ state: 'notStarted' } as const) };
  });
  const nextIndex = items.findIndex((item) => item.progress.state !== 'completed');
  return {
    items,
    completed: items.filter((item) => item.progress.state === 'completed').length,
    next: nextIndex < 0 ? null : nextIndex,
    isExpired: isOrderExpired(order, now),
    hasWaitingDelivery: outbox.some((row) => row.orderId === order.id && row.status === OutboxStatus.queued),
  };
}
