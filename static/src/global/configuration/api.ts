/** The Configuration tab's calls (issue #13): the contract is @contract/configuration; only its types are imported. */
import { callFunction } from '../../api';
import type { PayloadIn } from '@contract/functions';

export type {
  ComponentKind,
  ConfigurationHistoryView,
  ConfigurationItemView,
  ConfigurationView,
  ItemStatus,
  ItemVersionView,
  PersonRef,
} from '@contract/configuration';

export const loadConfiguration = (filter: PayloadIn<'globalPage.configuration.load'>) => callFunction('globalPage.configuration.load', filter);
export const loadItemHistory = (id: string) => callFunction('globalPage.configuration.history', { id });
export const saveItem = (payload: PayloadIn<'globalPage.configuration.save'>) => callFunction('globalPage.configuration.save', payload);
