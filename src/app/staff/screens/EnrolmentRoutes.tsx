// The screens of measurement plans an address names: enrol, the enrolments, one enrolment, coverage.
import type { StaffRoute } from '../routing.js';
import { CoverageScreen } from './CoverageScreen.js';
import { EnrolmentScreen } from './EnrolmentScreen.js';
import { EnrolmentsScreen } from './EnrolmentsScreen.js';
import { EnrolScreen } from './EnrolScreen.js';

type PlanRoute = Extract<StaffRoute, { name: 'enrol' | 'enrolments' | 'enrolment' | 'coverage' }>;

export const isPlanRoute = (route: StaffRoute): route is PlanRoute =>
  route.name === 'enrol' || route.name === 'enrolments' || route.name === 'enrolment' || route.name === 'coverage';

export function PlanScreenFor({ route }: { route: PlanRoute }) {
  switch (route.name) {
    case 'enrol':
      return <EnrolScreen />;
    case 'enrolments':
      return <EnrolmentsScreen />;
    case 'enrolment':
      return <EnrolmentScreen key={route.enrolmentId} enrolmentId={route.enrolmentId} />;
    case 'coverage':
      return <CoverageScreen />;
  }
}
