import { migration0001 } from './0001-initial';
import { migration0003 } from './0003-outbox-issuer';

export interface CacheMigration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration of the cache, in order. Forward only: a new one is appended, never edited. */
export const cacheMigrations: CacheMigration[] = [migration0001, migration0003];
