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
  {
    files: ["app/**/*.tsx", "emails/**/*.tsx"],
    ...react.configs.flat.recommended,
    ...react.configs.flat["jsx-runtime"],
    settings: { react: { version: "18.3" } },
  },
  { files: ["app/**/*.tsx", "emails/**/*.tsx"], ...reactHooks.configs.flat["recommended-latest"] },
  { files: ["app/**/*.tsx"], ...jsxA11y.flatConfigs.recommended },
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
]);
