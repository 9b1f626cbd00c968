export type { Payload, RoleListView } from '../adminApi';
