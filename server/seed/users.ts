import { DEMO_USERS, TRAINING_PASSWORD } from '../../shared/cis/training-users';
import { hashPassword } from '../auth/passwords';
import type { Db } from '../db/database';

export { DEMO_USERS, TRAINING_PASSWORD };

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
