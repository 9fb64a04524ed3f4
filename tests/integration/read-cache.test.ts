import { describe, expect, it } from "vitest";
import { cachedUntilWrite, migrateDatabase, openDatabase } from "#db/client.server";
import { makeStaff } from "#db/factories";
import { useTestDatabase } from "../helpers/db";

const t = useTestDatabase();

describe("cachedUntilWrite", () => {
  it("reuses a result until anything writes, on this connection or another", () => {
    const db = t.db();
    let reads = 0;
    const read = () => cachedUntilWrite("users", () => ++reads);
    expect([read(), read()]).toEqual([1, 1]);
    makeStaff(db);
    expect([read(), read()]).toEqual([2, 2]);
    // Another connection (say `npm run jobs` in a second process) commits: the cache notices.
    const other = openDatabase(t.path());
    migrateDatabase(other);
    makeStaff(other);
    other.$client.close();
    expect(read()).toBe(3);
    // Keys are separate.
    expect(cachedUntilWrite("other", () => "x")).toBe("x");
    expect(read()).toBe(3);
  });
});
