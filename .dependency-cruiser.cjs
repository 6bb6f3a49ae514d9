// Import boundaries (docs/architecture.md "Boundaries"), checked by `npm run boundaries` in `npm test`.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import circles anywhere: each one has been a bug (the db.ts ↔ idempotency.repo.ts circle caused the /authz/check 503).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-only-core-and-config',
      severity: 'error',
      comment: 'src/core holds the use cases and depends on nothing of the application but itself and src/config: not on the store, the HTTP layer, mail or the CLI.',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: '^src/(core|config)/' },
    },
    {
      name: 'core-not-store-or-http',
      severity: 'error',
      comment: 'Said twice on purpose: core never imports src/store or src/http (the rule above would also catch it; this one names the case).',
      from: { path: '^src/core/' },
      to: { path: '^src/(store|http)/' },
    },
    {
      name: 'config-only-config',
      severity: 'error',
      comment: 'src/config is read by everything, so it imports nothing of the application (else core would reach store or http through it).',
      from: { path: '^src/config/' },
      to: { path: '^src/', pathNot: '^src/config/' },
    },
    {
      name: 'store-not-http',
      severity: 'error',
      comment: 'Repositories know nothing of HTTP: the store classifies PostgreSQL errors itself; http maps them to problems.',
      from: { path: '^src/store/' },
      to: { path: '^src/http/' },
    },
    {
      name: 'web-not-src',
      severity: 'error',
      comment: 'The web UI is a separate bundle: it reads the API through generated types (web/src/api/schema.d.ts, web/src/generated/), never the server code.',
      from: { path: '^web/' },
      to: { path: '^src/' },
    },
    {
      name: 'src-not-tests-or-tools',
      severity: 'error',
      comment: 'The application does not import tests, the bench, the proof, scripts or the web UI.',
      from: { path: '^src/' },
      to: { path: '^(test|bench|proof|scripts|web|examples)/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing (a typo, a deleted file, a package missing from package.json).',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|web/dist|proof/out|test-output)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
