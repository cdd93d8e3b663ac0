import { migration0001 } from './0001-initial';
import { migration0003 } from './0003-outbox-issuer';
import { migration0004 } from './0004-outbox-streams-and-likely-accounts';

export interface CacheMigration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration of the cache, in order. Forward only: a new one is appended, never edited. */
export const cacheMigrations: CacheMigration[] = [migration0001, migration0003, migration0004];
