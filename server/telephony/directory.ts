/** Which agents can take a call now, and in which languages: fed by the desktops' state reports. */
export interface AgentDirectory {
  report(
    agent: { userId: string; name: string; languages: ('en' | 'es')[] },
    available: boolean,
    at: number,
  ): void;
  /** The agent available longest with the language, or null. */
  pick(language: 'en' | 'es'): { userId: string; name: string } | null;
  available(): { userId: string; languages: ('en' | 'es')[]; since: number }[];
}

export function memoryDirectory(): AgentDirectory {
  const agents = new Map<
    string,
    { userId: string; name: string; languages: ('en' | 'es')[]; since: number }
  >();
  return {
    report(agent, available, at) {
      if (available) {
        const prior = agents.get(agent.userId);
        agents.set(agent.userId, { ...agent, since: prior?.since ?? at });
      } else {
        agents.delete(agent.userId);
      }
    },
    pick(language) {
      // Longest available first: the fairest routing, and the one agents expect.
      const candidates = [...agents.values()]
        .filter((a) => a.languages.includes(language))
        .sort((a, b) => a.since - b.since);
      const chosen = candidates[0];
      if (!chosen) return null;
      agents.delete(chosen.userId);
      return { userId: chosen.userId, name: chosen.name };
    },
    available() {
      return [...agents.values()].map(({ userId, languages, since }) => ({
        userId,
        languages,
        since,
      }));
    },
  };
}
