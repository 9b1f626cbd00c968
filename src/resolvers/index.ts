import type { FunctionKey } from '../contract/functions';
import { adminPageFunctions } from './admin-page';
import { catalogueFunctions } from './catalogue';
import { agreementFunctions } from './agreement-panel';
import { changePanelFunctions, changeTemplateFunctions } from './change-panel';
import { configurationFunctions } from './configuration';
import { feedbackFunctions } from './feedback';
import { globalPageFunctions } from './global-page';
import { issuePanelFunctions } from './issue-panel';
import { performanceFunctions, portalPerformanceFunctions } from './performance';
import { projectPageFunctions } from './project-page';
import { scheduleFunctions } from './schedule';
import { resolverOf, type Implementations } from './surface';

/**
 * The app's one resolver function serves every Custom UI surface. Every function of the contract has exactly one
 * declaration (the type below fails to compile when one is missing or unknown).
 */
const implementations: Implementations<FunctionKey> = { ...issuePanelFunctions, ...adminPageFunctions, ...globalPageFunctions, ...scheduleFunctions, ...configurationFunctions, ...projectPageFunctions, ...changePanelFunctions, ...changeTemplateFunctions, ...catalogueFunctions, ...agreementFunctions, ...feedbackFunctions, ...performanceFunctions, ...portalPerformanceFunctions };

export const resolverHandler = resolverOf(implementations, () => Date.now());
