/**
 * The training users every seeded CIS has (an agent in each language, a lead, an admin), kept in
 * shared/ so the desktop's sign-in lists them without loading the server, and the server's seed
 * stores them.
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
