// A condition in a compact notation for staff, after the operators written in the file:
// mood = "poor", worry > 3, answered(age), all(…), any(…), not(…).
import type { Condition } from '../../core/index.js';

export function describeCondition(condition: Condition): string {
  switch (condition.op) {
    case 'all':
    case 'any':
      return `${condition.op}(${condition.conditions.map(describeCondition).join(', ')})`;
    case 'not':
      return `not(${describeCondition(condition.condition)})`;
    case 'answered':
      return `answered(${condition.item})`;
    case 'equals':
      return `${condition.item} = ${JSON.stringify(condition.value)}`;
    case 'notEquals':
      return `${condition.item} ≠ ${JSON.stringify(condition.value)}`;
    case 'oneOf':
      return `${condition.item} ∈ {${condition.values.map((v) => JSON.stringify(v)).join(', ')}}`;
    case 'greaterThan':
      return `${condition.item} > ${condition.value}`;
    case 'lessThan':
      return `${condition.item} < ${condition.value}`;
  }
}
