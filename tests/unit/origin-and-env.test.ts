import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isAllowedOrigin } from "../../server/origin";
import { ConfigError, loadEnv } from "~/utils/env.server";

describe("Origin check", () => {
  const base = {
    appUrl: "https://launchroom.example.com",
    requestOrigin: "http://127.0.0.1:3000",
    secFetchSite: undefined,
  };
  it("accepts the app's own origin and the origin the request was sent to", () => {
    expect(isAllowedOrigin({ ...base, origin: "https://launchroom.example.com" })).toBe(true);
    expect(isAllowedOrigin({ ...base, origin: "http://127.0.0.1:3000" })).toBe(true);
  });
  it("refuses other origins, null and a missing Origin without same-origin fetch metadata", () => {
    expect(isAllowedOrigin({ ...base, origin: "https://evil.example" })).toBe(false);
    expect(isAllowedOrigin({ ...base, origin: "https://launchroom.example.com.evil.example" })).toBe(false);
    expect(isAllowedOrigin({ ...base, origin: "null" })).toBe(false);
    expect(isAllowedOrigin({ ...base, origin: undefined })).toBe(false);
    expect(isAllowedOrigin({ ...base, origin: undefined, secFetchSite: "cross-site" })).toBe(false);
    expect(isAllowedOrigin({ ...base, origin: undefined, secFetchSite: "same-origin" })).toBe(true);
  });
});

describe("configuration", () => {
  const secret = "x".repeat(40);
  it("has working defaults", () => {
    const env = loadEnv({ APP_SECRET: secret });
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_PATH).toBe("data/launchroom.db");
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.SMTP_URL).toBeUndefined();
  });
  it("names the variable and the fix when a value is wrong", () => {
    expect(() => loadEnv({ APP_SECRET: secret, PORT: "eighty" })).toThrow(ConfigError);
    expect(() => loadEnv({ APP_SECRET: secret, PORT: "eighty" })).toThrow(/PORT/);
    expect(() => loadEnv({ APP_SECRET: secret, SMTP_URL: "http://mail.example.com" })).toThrow(
      /SMTP_URL must start with smtp/,
    );
    expect(() => loadEnv({ APP_SECRET: secret, APP_URL: "not a url" })).toThrow(/APP_URL/);
    expect(() => loadEnv({ APP_SECRET: "short" })).toThrow(/APP_SECRET must be at least 32/);
  });
});

describe("APP_SECRET", () => {
  let dir = "";
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "launchroom-env-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const database = () => ({ DATABASE_PATH: join(dir, "launchroom.db") });

  it("is required in production, with what to do, and no key file is written beside the database", () => {
    for (const source of [{ NODE_ENV: "production" }, {}, { NODE_ENV: "production", DEMO: "0" }]) {
      expect(() => loadEnv({ ...source, ...database() })).toThrow(ConfigError);
    }
    expect(() => loadEnv(database())).toThrow(/APP_SECRET is required in production/);
    expect(() => loadEnv(database())).toThrow(/openssl rand -base64 48/);
    expect(() => loadEnv(database())).toThrow(/README/);
    expect(existsSync(join(dir, ".app-secret"))).toBe(false);
  });

  it("may be generated into .app-secret for the demo, development and tests, and stays stable", () => {
    for (const source of [
      { NODE_ENV: "production", DEMO: "1" },
      { DEMO: "true" },
      { NODE_ENV: "development" },
      { NODE_ENV: "test" },
    ]) {
      const first = loadEnv({ ...source, ...database() }).APP_SECRET;
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect(readFileSync(join(dir, ".app-secret"), "utf8").trim()).toBe(first);
      expect(loadEnv({ ...source, ...database() }).APP_SECRET).toBe(first);
    }
  });

  it("when set, is used as given, in demo mode too, and DEMO takes only 1 or 0", () => {
    expect(loadEnv({ ...database(), APP_SECRET: "y".repeat(40), DEMO: "1" }).APP_SECRET).toBe("y".repeat(40));
    expect(existsSync(join(dir, ".app-secret"))).toBe(false);
    expect(() => loadEnv({ ...database(), APP_SECRET: "y".repeat(40), DEMO: "yes" })).toThrow(
      /DEMO must be 1 or 0/,
    );
  });
});
