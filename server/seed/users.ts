import { DEMO_USERS, TRAINING_PASSWORD } from '../../shared/cis/training-users';
import { hashPassword } from '../auth/passwords';
import type { Db } from '../db/database';

export { DEMO_USERS, TRAINING_PASSWORD };

export async function seedUsers(db: Db, password = TRAINING_PASSWORD): Promise<void> {
  const hash = await hashPassword(password);
  for (const u of DEMO_USERS) {
    await db.query(
      'insert into users (id, username, name, password_hash, role, languages, team) values ($1, $2, $3, $4, $5, $6, $7) on conflict (id) do nothing',
      [u.id, u.username, u.name, hash, u.role, u.languages, u.team],
    );
  }
}
