/**
 * The layers of docs/architecture.md: arrows point down only.
 * renderer -> shared; electron -> db -> shared; server -> shared; cli -> server, db, shared;
 * electron -> server through one file only, the embedded CIS's worker entry.
 */
module.exports = {
  forbidden: [
    {
      name: 'shared-is-pure',
      comment: 'shared/ runs anywhere: no Node built-ins, no Electron, no React, no DOM libraries.',
      severity: 'error',
      from: { path: '^shared/' },
      to: {
        dependencyTypes: ['core'],
      },
    },
    {
      name: 'shared-no-platform-packages',
      severity: 'error',
      from: { path: '^shared/' },
      to: {
        path: [
          '^electron$',
          'node_modules/(electron|react|react-dom|zustand|react-i18next|happy-dom|jsdom|better-sqlite3[^/]*|pg|fastify|ws)/',
        ],
      },
    },
    {
      name: 'shared-imports-only-shared',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(db|electron|renderer|server|cli|scripts)/' },
    },
    {
      name: 'renderer-only-shared',
      comment: 'The renderer talks to the main side through the bridge only.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: ['^(db|electron|server|cli|scripts)/', '^electron$', 'node_modules/electron/'] },
    },
    {
      name: 'renderer-no-node',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'services-never-electron',
      comment:
        'electron/services runs in plain Node (tests, web host): only electron/main imports electron.',
      severity: 'error',
      from: { path: '^(electron/(services|web)|db|server|cli)/' },
      to: { path: ['^electron$', 'node_modules/electron/', '^electron/(main|preload)/'] },
    },
    {
      name: 'desktop-reaches-the-server-through-one-door',
      comment:
        'The embedded CIS runs in a worker thread; only its entry imports server/. The rest of the desktop talks to it by messages (electron/services/cis/embedded-cis.ts) or uses shared/.',
      severity: 'error',
      from: {
        path: '^electron/',
        pathNot: '^electron/services/cis/embedded-cis-worker\\.ts$',
      },
      to: { path: '^server/' },
    },
    {
      name: 'db-below-electron',
      severity: 'error',
      from: { path: '^db/' },
      to: { path: '^(electron|renderer|server|cli)/' },
    },
    {
      name: 'server-only-shared',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^(db|electron|renderer|cli)/' },
    },
    {
      name: 'preload-only-bridge',
      comment: 'The preload exposes window.tapline and nothing else.',
      severity: 'error',
      from: { path: '^electron/preload/' },
      to: { path: '^(db|server|renderer|cli|electron/(services|web|main))/' },
    },
    {
      name: 'nothing-imports-tests',
      severity: 'error',
      from: { pathNot: '^tests/' },
      to: { path: '^tests/' },
    },
    {
      name: 'no-circular',
      comment: 'Type-only cycles (a zustand slice naming the combined store type) are harmless.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '^electron$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.renderer.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
