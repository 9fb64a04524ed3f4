import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests against the built app (`npx remix vite:build` first). There is no `webServer` here:
 * the SMTP sink has to live in the test process, so tests/e2e/fixtures.ts starts the sink and then
 * `server.ts` on a free port with a fresh database, once per worker.
 */
export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // A test's whole budget: generous, since a busy 2-core machine slows sign-ins (password hashes) and
  // mail several-fold; each step still has its own 5 s expect timeout.
  timeout: 60_000,
  expect: { timeout: 5_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    ...devices["Desktop Chrome"],
    // Playwright's own browsers are never downloaded here: Debian's chromium does the work.
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
    locale: "en-US",
    timezoneId: "Asia/Tokyo",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  // The every-page walk signs every role into the demo rooms, which changes their health (customer
  // presence): a project of its own gives it its own worker, so its own app process and database. (Run
  // beside the flows on 2 cores, the two took 7.4 min against 6.3 min one after the other.)
  projects: [
    { name: "chromium", testIgnore: "**/every-page.spec.ts" },
    { name: "every-page", testMatch: "**/every-page.spec.ts" },
  ],
});
