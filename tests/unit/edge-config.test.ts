import { afterEach, describe, expect, it } from "vitest";
import { isUploadPath, isValidFormEncoding } from "../../server/body-limits";
import { languageCookie } from "~/i18n/i18n.server";
import { loadEnv, resetEnvCache } from "~/utils/env.server";

const secret = "x".repeat(40);

describe("TRUST_PROXY and UPLOAD_MAX_BYTES", () => {
  it("default to no proxy and 5 MB", () => {
    const env = loadEnv({ APP_SECRET: secret });
    expect(env.TRUST_PROXY).toBe(false);
    expect(env.UPLOAD_MAX_BYTES).toBe(5 * 1024 * 1024);
  });
  it("take express's trust proxy values", () => {
    const trust = (TRUST_PROXY: string) => loadEnv({ APP_SECRET: secret, TRUST_PROXY }).TRUST_PROXY;
    expect(trust("false")).toBe(false);
    expect(trust("true")).toBe(true);
    expect(trust("1")).toBe(1);
    expect(trust("loopback")).toBe("loopback");
    expect(trust("loopback, 10.0.0.0/8, ::1")).toBe("loopback, 10.0.0.0/8, ::1");
  });
  it("name the variable when a value is wrong", () => {
    expect(() => loadEnv({ APP_SECRET: secret, TRUST_PROXY: "nginx.local" })).toThrow(/TRUST_PROXY/);
    expect(() => loadEnv({ APP_SECRET: secret, UPLOAD_MAX_BYTES: "5MB" })).toThrow(/UPLOAD_MAX_BYTES/);
  });
});

describe("language cookie", () => {
  const appUrl = process.env.APP_URL;
  afterEach(() => {
    process.env.APP_URL = appUrl;
    resetEnvCache();
  });
  it("is Secure when the app is served over https, like the session cookie", () => {
    process.env.APP_URL = "https://launchroom.example.com";
    resetEnvCache();
    expect(languageCookie("ja")).toMatch(/; Secure$/);
    process.env.APP_URL = "http://localhost:3000";
    resetEnvCache();
    expect(languageCookie("ja")).not.toContain("Secure");
  });
});

describe("form encoding check", () => {
  const valid = (body: string | Buffer) => isValidFormEncoding(Buffer.from(body));
  it("accepts UTF-8, + for spaces and a stray %", () => {
    expect(valid(`name=${encodeURIComponent("佐藤 花子")}&note=100%+sure&x=%zz`)).toBe(true);
    expect(valid(Buffer.from("name=佐藤"))).toBe(true);
  });
  it("refuses malformed UTF-8 in keys and values, encoded or raw, and sequences cut by a separator", () => {
    expect(valid("name=%C3%28%FF")).toBe(false);
    expect(valid("%FF=1")).toBe(false);
    expect(valid("a=%E3%81&b=%82")).toBe(false);
    expect(valid(Buffer.from([0x61, 0x3d, 0xc3, 0x28]))).toBe(false);
  });
});

describe("upload routes", () => {
  it("are the two CSV imports, in both their document and single-fetch forms", () => {
    for (const path of ["/rooms/r1/plan/import", "/rooms/r1/plan/import.data", "/templates/t1/import"])
      expect(isUploadPath(path), path).toBe(true);
    for (const path of ["/sign-in", "/rooms/r1/plan", "/rooms/r1/plan/import/x", "/templates/t1/edit"])
      expect(isUploadPath(path), path).toBe(false);
  });
});
