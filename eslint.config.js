import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig([
  {
    ignores: [
      "build/**",
      "node_modules/**",
      "db/migrations/**",
      "test-results/**",
      "playwright-report/**",
      "tests/.tmp/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  { files: ["**/*.cjs"], languageOptions: { sourceType: "commonjs", globals: globals.node } },
  {
    files: ["app/**/*.tsx", "emails/**/*.tsx"],
    ...react.configs.flat.recommended,
    ...react.configs.flat["jsx-runtime"],
    settings: { react: { version: "18.3" } },
  },
  { files: ["app/**/*.tsx", "emails/**/*.tsx"], ...reactHooks.configs.flat["recommended-latest"] },
  { files: ["app/**/*.tsx"], ...jsxA11y.flatConfigs.recommended },
  {
    // Every write transaction takes the write lock up front so the busy timeout applies (a deferred one
    // that upgrades to a write fails at once with SQLITE_BUSY): open them only via writeTransaction().
    files: ["app/**/*.{ts,tsx}", "db/**/*.ts", "scripts/**/*.ts", "server/**/*.ts", "server.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "CallExpression[callee.type='MemberExpression'][callee.property.name=/^(transaction|immediate|deferred|exclusive)$/]",
          message:
            "Open transactions with writeTransaction(handle, fn) from #db/client.server (BEGIN IMMEDIATE, busy → 503).",
        },
      ],
    },
  },
  {
    // Routes stay thin: data access goes through app/domain, never straight to the database.
    files: ["app/routes/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              // Regexes: gitignore-style patterns would read "#db/..." as a comment.
              regex: "^(#db/client\\.server|.*/db/client\\.server|drizzle-orm(/.*)?|better-sqlite3)$",
              message: "Routes must not touch the database: call a domain function in app/domain/.",
            },
            {
              regex: "^(#db/schema(/.*)?|.*/db/schema(/.*)?)$",
              message:
                "Routes must not use the schema tables: call a domain function in app/domain/ (the shared vocabulary is ~/vocabulary).",
            },
          ],
        },
      ],
    },
  },
  {
    // String-built markup is escaped by construction (ADR 10): it reaches the page only as
    // innerHtml(html`...`), whose SafeHtml type no unescaped string satisfies.
    files: ["app/**/*.tsx"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "JSXAttribute[name.name='dangerouslySetInnerHTML'] > JSXExpressionContainer > :not(CallExpression[callee.name='innerHtml'])",
          message: "Build the markup with html`` (~/components/static-html) and pass innerHtml(markup).",
        },
      ],
    },
  },
]);
