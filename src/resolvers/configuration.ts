import type { ConfigurationFunctionKey } from '../contract/configuration';
import type { FunctionKey } from '../contract/functions';
import { configurationHistory, configurationView, pickConfigurationItems, saveItem, type ConfigurationCaller } from '../configuration/items';
import { discardDraftOf, proceduresView, saveDraftOf, signOffOf } from '../configuration/procedures';
import type { Access, Call, Implementations } from './surface';

/**
 * Service control on the service team's page (issue #13): configuration records (CO.1.4) and the procedures
 * (CO.1.2, CO.1.3, CO.1.5). Staff read (D26: never a customer); the Control Manager or Management edit items; the
 * Control Manager drafts the procedures; their approvers sign off (which role signs which procedure is checked on the
 * document). The issue panel's picker of configuration items is for staff only.
 */

/** A 29110 rule, with nothing to ask Jira beyond who the caller is (the records live in app storage). */
const by = (rule: Access['rule']): Access => ({ rule, jira: { scope: 'global', required: [] } });

const callerOf = (call: Call<FunctionKey>): ConfigurationCaller => call.caller;

export const configurationFunctions: Implementations<ConfigurationFunctionKey> = {
  'globalPage.configuration.load': { access: by('staff'), handler: async (call) => configurationView(call.payload, callerOf(call)) },
  'globalPage.configuration.history': { access: by('staff'), handler: async (call) => configurationHistory(call.payload.id) },
  'globalPage.configuration.save': { access: by('configuration.edit'), handler: async (call) => saveItem(call.payload, callerOf(call), call.now) },
  'globalPage.procedures.load': { access: by('staff'), handler: async (call) => proceduresView(callerOf(call)) },
  'globalPage.procedures.saveDraft': { access: by('procedures.edit'), handler: async (call) => saveDraftOf(call.payload, callerOf(call), call.now) },
  'globalPage.procedures.signOff': { access: by('procedures.sign'), handler: async (call) => signOffOf(call.payload, callerOf(call), call.now) },
  'globalPage.procedures.discardDraft': { access: by('procedures.edit'), handler: async (call) => discardDraftOf(call.payload, callerOf(call), call.now) },
  // The picker reads app storage only; Jira is asked nothing about the issue, and D26 keeps customers out.
  'issuePanel.configurationItems': { access: { rule: 'staff', jira: 'read-as-user' }, handler: async (call) => pickConfigurationItems(call.payload.query) },
};
