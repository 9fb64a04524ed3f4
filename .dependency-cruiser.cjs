/**
 * The layer rules (docs/architecture.md, docs/decisions/0011-layer-rules.md). `npm test` runs
 * `npx depcruise app db emails server server.ts scripts` with this file, and
 * tests/unit/layer-rules.test.ts proves that each rule fires on a bad import.
 *
 * Type-only imports are erased at build time, so a few rules let them through (marked below): the
 * browser never loads a module it only borrows a type from.
 */

/** A part of the code, by path. */
const part = {
  vocabulary: "^app/vocabulary\\.ts$",
  access: "^app/access/",
  db: "^db/",
  domain: "^app/domain/",
  auth: "^app/auth/",
  web: "^app/web/",
  routes: "^app/routes/",
  components: "^app/components/",
  mail: "^app/mail/",
  utils: "^app/utils/",
  i18n: "^app/i18n/",
  emails: "^emails/",
  // The document and the start-up code (runtime, demo seed, first-admin command): the top of the app.
  appShell: "^app/((root|entry\\.[a-z]+)\\.tsx$|runtime\\.server\\.ts$|startup/)",
};

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "No module may depend on itself through others: parts depend downward only.",
      from: {},
      to: { circular: true },
    },
    {
      name: "vocabulary-imports-nothing",
      severity: "error",
      comment: "The shared vocabulary is the bottom of the graph: plain constants, no imports at all.",
      from: { path: part.vocabulary },
      to: {},
    },
    {
      name: "access-only-vocabulary",
      severity: "error",
      comment:
        "The capability map and user types are shared with the browser: their only runtime import is the " +
        "vocabulary.",
      from: { path: part.access },
      to: {
        pathNot: [part.vocabulary, part.access],
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "access-types-from-schema",
      severity: "error",
      comment: "Besides the vocabulary, the capability map and user types borrow types from the schema only.",
      from: { path: part.access },
      to: { dependencyTypes: ["type-only"], pathNot: [part.vocabulary, part.access, "^db/schema/"] },
    },
    {
      name: "db-only-vocabulary",
      severity: "error",
      comment: "The schema and the client know the vocabulary and nothing else of the app.",
      from: { path: part.db },
      to: { path: "^(app|emails|server)/|^server\\.ts$", pathNot: part.vocabulary },
    },
    {
      name: "domain-not-upward",
      severity: "error",
      comment:
        "Domain functions take parsed values and return values: never routes, request guards, components, " +
        "credentials (app/auth) or the app shell.",
      from: { path: part.domain },
      to: { path: [part.routes, part.web, part.components, part.auth, part.appShell, "^server"] },
    },
    {
      name: "auth-not-upward",
      severity: "error",
      comment: "Credentials may use the domain (events, users) but never the web layer above them.",
      from: { path: part.auth },
      to: { path: [part.routes, part.web, part.components, part.appShell, "^server"] },
    },
    {
      name: "web-not-upward",
      severity: "error",
      comment: "Request guards sit under the routes and never import them or the UI.",
      from: { path: part.web },
      to: { path: [part.routes, part.components, part.appShell] },
    },
    {
      name: "routes-no-db",
      severity: "error",
      comment: "Routes are thin: data goes through app/domain, never the db client or the tables.",
      from: { path: part.routes },
      to: { path: ["^db/", "^node_modules/(drizzle-orm|better-sqlite3)/"] },
    },
    {
      name: "components-no-server",
      severity: "error",
      comment:
        "Components ship to the browser: no *.server modules (types only), no db, no guards or credentials.",
      from: { path: part.components },
      to: {
        path: ["\\.server\\.tsx?$", "^db/", part.auth, part.web, part.routes],
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "shared-helpers-not-upward",
      severity: "error",
      comment: "utils, i18n and mail sit under the domain and never import it or anything above it.",
      from: { path: [part.utils, part.i18n, part.mail] },
      to: { path: [part.domain, part.auth, part.web, part.routes, part.components, part.appShell] },
    },
    {
      name: "emails-standalone",
      severity: "error",
      comment:
        "Email templates load on their own in the react-email CLI: the vocabulary and the email strings only.",
      from: { path: part.emails },
      to: { path: "^(app|db|server)/", pathNot: [part.vocabulary, "^app/i18n/locales/"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(build|node_modules|db/migrations|tests|public)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".jsx", ".json", ".d.ts"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
