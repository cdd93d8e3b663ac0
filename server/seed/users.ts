import { hashPassword } from '../auth/passwords';
import type { Db } from '../db/database';

/**
 * The training users every seeded CIS has (an agent in each language, a lead, an admin), apart
 * from the synthetic utility's data so the desktop and the server's start read them without
 * loading the generator.
 */
export const TRAINING_PASSWORD = 'tapline-training';
export const DEMO_USERS = [
  {
    id: 'u-agent',
    username: 'agent',
    name: 'Alex Rivera',
    role: 'agent',
    languages: ['en'],
    team: 'care-a',
  },
  {
    id: 'u-agent-es',
    username: 'agente',
    name: 'Marisol Vega',
    role: 'agent',
    languages: ['en', 'es'],
    team: 'care-a',
  },
  {
    id: 'u-lead',
    username: 'lead',
    name: 'Jordan Lee',
    role: 'lead',
    languages: ['en', 'es'],
    team: 'care-a',
  },
  {
    id: 'u-admin',
    username: 'admin',
    name: 'Sam Whitaker',
    role: 'admin',
    languages: ['en'],
    team: 'it',
  },
] as const;

export async function seedUsers(db: Db, password = TRAINING_PASSWORD): Promise<void> {
  for (const u of DEMO_USERS) {
    // Each user's own salt: one hash shared by every user would tell they share a password.
    const hash = await hashPassword(password);
    await db.query(
      'insert into users (id, username, name, password_hash, role, languages, team) values ($1, $2, $3, $4, $5, $6, $7) on conflict (id) do nothing',
      [u.id, u.username, u.name, hash, u.role, u.languages, u.team],
    );
  }
}
