import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

/** `npm run screenshots`: the README's pictures, taken from the built app with the demo data. */
export default defineConfig({
  ...base,
  testDir: "tests/screenshots",
  timeout: 120_000,
  reporter: "list",
});
