import { DEMO_USERS, TRAINING_PASSWORD } from '../../shared/cis/training-users';
import { seedPracticeUsers } from '../auth/users';

export { DEMO_USERS, TRAINING_PASSWORD };

/** The practice users with the training password: a training server's (server/start.ts). */
export const seedUsers = seedPracticeUsers;
