/**
 * A service change request (WP.11) as Jira has it, read fresh for every decision (src/jira/change-snapshot.ts fills
 * it). Everything here is what people edit in Jira; what the app decided (approvals, evidence) is the change record
 * in app storage (src/store/change-records.ts), never this.
 */
import type { LinkFact } from '../incident/snapshot';
import type { StatusCategory } from '../sla/events';

export interface PersonFact { accountId: string; displayName: string }

export interface ChangeSnapshot {
  id: string;
  key: string;
  summary: string;
  projectKey: string;
  createdAt: number;
  status: { name: string; category: StatusCategory };
  priority: string | null;
  reporter: PersonFact | null;
  /**
   * D7: everyone who ever requested, built or will deploy the change, from the fields as they are now and as
   * Jira's own history says they were (a field emptied before an approval does not hide who built it).
   */
  requesterIds: string[];
  builder: PersonFact | null;
  builderIds: string[];
  deployer: PersonFact | null;
  deployerIds: string[];
  /** The Change type option as the site names it ("Standard" on JSM); `changeTypeOf` reads it. */
  changeTypeValue: string | null;
  impact: string | null;
  urgency: string | null;
  services: string[];
  /** The Impacted CIs labels: configuration record ids (WP.02), or `new-service` (CO-06). */
  cis: string[];
  plannedStart: number | null;
  plannedEnd: number | null;
  /** WP.11 content present (CHG-19 back-out plan; business impact). */
  plans: { implementation: boolean; test: boolean; backOut: boolean; businessImpact: boolean };
  links: LinkFact[];
  /** Field slots the site has no field for (the wizard adds them). */
  missingFields: string[];
}

/** CO-06: the label that stands for "a new service" instead of existing configuration items. */
export const NEW_SERVICE_LABEL = 'new-service';
