// The plans the register publishes, as the plan screens read them: their titles, time points,
// clinical events and the settings a unit may choose, named in the staff member's language. Where
// the register cannot say (no plans route), the coded ids are shown.
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { registerApi } from '../../../core/index.js';
import { useConsole, useLoaded } from '../console-context.js';
import { plansResponse, type PublishedPlan } from '../contract-shapes.js';
import { planIdOf } from './EnrolmentParts.js';

export function usePlans() {
  const { api } = useConsole();
  return useLoaded(useCallback(() => api.get(registerApi.listPlans.path, plansResponse), [api]));
}

/** A text in the staff member's language, else bokmål, else any. */
export function named(text: Record<string, string> | undefined, language: string, fallback: string): string {
  if (!text) return fallback;
  return text[language] ?? text.nb ?? Object.values(text)[0] ?? fallback;
}

export interface PlanNames {
  /** A plan by its id or id@version. */
  plan: (planKey: string) => string;
  /** A time point of a plan (by id or id@version); its coded id when not known. */
  timePoint: (planKey: string, timePoint: string) => string;
  /** A clinical event of a plan. */
  event: (planKey: string, event: string) => string;
  find: (planKey: string) => PublishedPlan | undefined;
}

export function planNamesOf(plans: readonly PublishedPlan[], language: string): PlanNames {
  const find = (planKey: string) => plans.find((plan) => plan.id === planIdOf(planKey));
  return {
    find,
    plan: (planKey) => {
      const plan = find(planKey);
      return plan ? `${named(plan.title, language, plan.id)}` : planKey;
    },
    timePoint: (planKey, id) => named(find(planKey)?.timePoints.find((point) => point.id === id)?.name, language, id),
    event: (planKey, id) => named(find(planKey)?.events?.find((event) => event.id === id)?.name, language, id),
  };
}

export function usePlanNames(): PlanNames & { plans: readonly PublishedPlan[] } {
  const { i18n } = useTranslation('staff');
  const { data } = usePlans();
  return useMemo(() => {
    const plans = data?.plans ?? [];
    return { plans, ...planNamesOf(plans, i18n.language) };
  }, [data, i18n.language]);
}
