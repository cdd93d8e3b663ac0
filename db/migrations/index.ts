import { migration0001 } from './0001-initial';

export interface CacheMigration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration of the cache, in order. Forward only: a new one is appended, never edited. */
export const cacheMigrations: CacheMigration[] = [migration0001];
