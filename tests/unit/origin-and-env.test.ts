import { describe, expect, it } from "vitest";
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
