import type { PolicyIssue, ServiceDeliveryPolicy } from '../domain';
import type { PeopleIndex } from '../format';

/** What every section of the policy editor receives. */
export interface PolicySectionProps {
  policy: ServiceDeliveryPolicy;
  /** Applies a change to a copy of the edited policy (the mutator may change the copy in place). */
  change: (mutate: (draft: ServiceDeliveryPolicy) => void) => void;
  /** Every live issue of the edited policy (checkPolicy), names in place of account ids. */
  issues: readonly PolicyIssue[];
  disabled: boolean;
  names: PeopleIndex;
}

/** The issues at a field or below it: `targets.High` matches `targets.High` and `targets.High.clock`. */
export function issuesAt(issues: readonly PolicyIssue[], prefix: string): PolicyIssue[] {
  return issues.filter((i) => i.path === prefix || i.path.startsWith(`${prefix}.`));
}

/** Only the issues exactly at a path. */
export function issuesExactly(issues: readonly PolicyIssue[], path: string): PolicyIssue[] {
  return issues.filter((i) => i.path === path);
}
