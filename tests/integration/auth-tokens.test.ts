import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCustomer, makeStaff } from "#db/factories";
import { invitations, memberships, sessions, signInTokens, stakeholders, users } from "#db/schema";
import { hashPassword } from "~/auth/password.server";
import {
  clearSessionCookie,
  readSessionToken,
  sessionCookie,
  sessionCookieName,
  SESSION_ABSOLUTE_MS,
} from "~/auth/session.server";
import { hashToken } from "~/utils/tokens.server";
import en from "~/i18n/locales/en/app.json";
import { resetEnvCache } from "~/utils/env.server";
import { Client, startTestApp, type TestApp } from "../helpers/app-server";
import {
  createTestDatabase,
  latestEmailUrl,
  outboxCount,
  seedTwoTenants,
  SESSION_COOKIE,
  sessionCount,
  signInAs,
  type TestDatabase,
  type TwoTenants,
} from "../helpers/fixtures";

// The rate limiters live in the built app's memory and allow 30 password attempts and 30 link requests
// per IP (all requests here come from 127.0.0.1) and 5 of each per email in 15 minutes: every test uses
// addresses of its own, and the file stays well below 30 link requests and 30 password sign-ins in total.

const PASSWORD = "correct horse battery staple";
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

let store: TestDatabase;
let app: TestApp;
let w: TwoTenants;
let passwordHash: string;
let counter = 0;

beforeAll(async () => {
  store = createTestDatabase();
  w = seedTwoTenants(store.db);
  passwordHash = await hashPassword(PASSWORD);
  app = await startTestApp({ databasePath: store.path });
});

afterAll(async () => {
  await app?.close();
  store?.dispose();
});

const unique = (prefix: string, domain = "quokka.example") => `${prefix}-${++counter}@${domain}`;

/** English pages, so messages can be compared with the locale file. */
const EN = { "Accept-Language": "en" };

function get(client: Client, path: string) {
  return client.request(path, { headers: EN });
}

function post(client: Client, path: string, form: Record<string, string>) {
  return client.request(path, { form, headers: EN });
}

/** As React renders text. */
function html(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#x27;");
}

/** The form's error message (role="alert"), or null. */
function alertText(body: string): string | null {
  return /role="alert"[^>]*>([^<]*)</.exec(body)?.[1] ?? null;
}

function setCookieOf(res: Response): string {
  const cookies = res.headers.getSetCookie().filter((c) => c.startsWith(`${SESSION_COOKIE}=`));
  expect(cookies).toHaveLength(1);
  return cookies[0]!;
}

function requestLink(email: string, extra: Record<string, string> = {}) {
  return post(new Client(app.url), "/sign-in", { intent: "link", email, ...extra });
}

function linkToken(email: string): string {
  return latestEmailUrl(store.db, email, "magic_link").searchParams.get("token")!;
}

function tokenRow(token: string) {
  return store.db
    .select()
    .from(signInTokens)
    .where(eq(signInTokens.tokenHash, hashToken(token)))
    .get();
}

function staffWithPassword() {
  return makeStaff(store.db, { email: unique("staff", "vendor.example"), passwordHash });
}

/** A user with a sign-in link just requested through the form, and the link's raw token. */
async function userWithLink(redirectTo?: string) {
  const user = makeCustomer(store.db, { email: unique("linker") });
  const res = await requestLink(user.email, redirectTo ? { redirectTo } : {});
  expect(res.status).toBe(200);
  return { user, token: linkToken(user.email) };
}

/** Invites an address to room A from the Team tab (add the person, then invite), as its CSM; returns the raw token. */
async function invite(email: string): Promise<string> {
  const csm = new Client(app.url);
  signInAs(store.db, csm, w.csmA.id);
  const name = `Invitee ${email}`;
  const added = await post(csm, `/rooms/${w.roomA.id}/team`, {
    intent: "add",
    name,
    side: "customer",
    email,
  });
  expect(added.status).toBe(200);
  const person = store.db.select().from(stakeholders).where(eq(stakeholders.name, name)).get()!;
  const res = await post(csm, `/rooms/${w.roomA.id}/team`, {
    intent: "invite",
    stakeholderId: person.id,
    role: "customer_member",
  });
  expect(res.status).toBe(200);
  return latestEmailUrl(store.db, email, "invitation").searchParams.get("token")!;
}

function signInRedirect(path: string): string {
  return `/sign-in?redirectTo=${encodeURIComponent(path)}`;
}

describe("session cookie", () => {
  it("is HttpOnly, SameSite=Lax, Path=/ and not Secure over http; the database keeps only a hash", async () => {
    const staff = staffWithPassword();
    const client = new Client(app.url);
    const res = await post(client, "/sign-in", {
      intent: "password",
      email: staff.email,
      password: PASSWORD,
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/");

    const [pair, ...attributes] = setCookieOf(res).split("; ");
    expect(attributes.sort()).toEqual(
      ["HttpOnly", "Path=/", "SameSite=Lax", `Max-Age=${SESSION_ABSOLUTE_MS / 1000}`].sort(),
    );
    const token = pair!.slice(`${SESSION_COOKIE}=`.length);
    expect(token).toMatch(/^[a-z2-7]{32}\.[a-z2-7]{32}$/);
    const [id, secret] = token.split(".");
    const row = store.db.select().from(sessions).where(eq(sessions.id, id!)).get();
    expect(row?.userId).toBe(staff.id);
    expect(row?.secretHash).toBe(hashToken(secret!));
    expect((await get(client, "/portfolio")).status).toBe(200);
  });

  it("over https is named __Host-…, Secure and without Domain (pure functions)", () => {
    const saved = process.env.APP_URL;
    try {
      process.env.APP_URL = "https://launchroom.example.com";
      resetEnvCache();
      expect(sessionCookieName()).toBe("__Host-launchroom_session");
      const parts = sessionCookie("abc.def").split("; ");
      expect(parts[0]).toBe("__Host-launchroom_session=abc.def");
      expect(parts).toEqual(expect.arrayContaining(["Path=/", "HttpOnly", "SameSite=Lax", "Secure"]));
      expect(parts.some((p) => /^domain=/i.test(p))).toBe(false);
      const cleared = clearSessionCookie().split("; ");
      expect(cleared).toEqual(expect.arrayContaining(["__Host-launchroom_session=", "Max-Age=0", "Secure"]));
      // Only the prefixed cookie counts: a plain one could have been planted by a sibling subdomain.
      const plain = new Request("https://launchroom.example.com/", {
        headers: { Cookie: "launchroom_session=abc.def" },
      });
      expect(readSessionToken(plain)).toBeNull();
      const prefixed = new Request("https://launchroom.example.com/", {
        headers: { Cookie: "other=1; __Host-launchroom_session=abc.def" },
      });
      expect(readSessionToken(prefixed)).toBe("abc.def");

      process.env.APP_URL = "http://localhost:3000";
      resetEnvCache();
      expect(sessionCookieName()).toBe("launchroom_session");
      expect(sessionCookie("abc.def").split("; ")).not.toContain("Secure");
    } finally {
      if (saved === undefined) delete process.env.APP_URL;
      else process.env.APP_URL = saved;
      resetEnvCache();
    }
  });
});

describe("sign-in and sign-out", () => {
  it("password sign-in issues a new session and ends the one the browser already had", async () => {
    const staff = staffWithPassword();
    const client = new Client(app.url);
    const before = signInAs(store.db, client, staff.id);
    const stale = new Client(app.url);
    stale.cookies.set(SESSION_COOKIE, before);

    const res = await post(client, "/sign-in", {
      intent: "password",
      email: staff.email,
      password: PASSWORD,
    });
    expect(res.status).toBe(302);
    const after = client.cookies.get(SESSION_COOKIE)!;
    expect(after.split(".")[0]).not.toBe(before.split(".")[0]);
    expect(
      store.db
        .select()
        .from(sessions)
        .where(eq(sessions.id, before.split(".")[0]!))
        .get(),
    ).toBeUndefined();
    expect(sessionCount(store.db, staff.id)).toBe(1);

    expect((await get(client, "/portfolio")).status).toBe(200);
    const old = await get(stale, "/portfolio");
    expect(old.status).toBe(302);
    expect(old.headers.get("Location")).toBe(signInRedirect("/portfolio"));
  });

  it("redeeming a link also replaces the browser's previous session", async () => {
    const { user, token } = await userWithLink();
    const client = new Client(app.url);
    const before = signInAs(store.db, client, user.id);
    const res = await post(client, "/auth/link", { token });
    expect(res.status).toBe(302);
    const after = client.cookies.get(SESSION_COOKIE)!;
    expect(after.split(".")[0]).not.toBe(before.split(".")[0]);
    expect(
      store.db
        .select()
        .from(sessions)
        .where(eq(sessions.id, before.split(".")[0]!))
        .get(),
    ).toBeUndefined();
    expect(sessionCount(store.db, user.id)).toBe(1);
  });

  it("sign-out deletes the session, clears the cookie, and the old cookie is refused afterwards", async () => {
    const staff = makeStaff(store.db, { email: unique("leaving", "vendor.example") });
    const client = new Client(app.url);
    const token = signInAs(store.db, client, staff.id);
    expect((await get(client, "/portfolio")).status).toBe(200);

    const res = await post(client, "/sign-out", {});
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/sign-in");
    const cleared = setCookieOf(res).split("; ");
    expect(cleared[0]).toBe(`${SESSION_COOKIE}=`);
    expect(cleared).toContain("Max-Age=0");
    expect(sessionCount(store.db, staff.id)).toBe(0);

    const replay = new Client(app.url);
    replay.cookies.set(SESSION_COOKIE, token);
    const again = await get(replay, "/portfolio");
    expect(again.status).toBe(302);
    expect(again.headers.get("Location")).toBe(signInRedirect("/portfolio"));
  });
});

describe("tokens at rest", () => {
  it("the database holds hashes of link, invitation and session tokens, never the tokens", async () => {
    const { user, token: linkTokenRaw } = await userWithLink();
    const inviteTokenRaw = await invite(unique("hashed"));

    const linkClient = new Client(app.url);
    expect((await post(linkClient, "/auth/link", { token: linkTokenRaw })).status).toBe(302);
    const inviteClient = new Client(app.url);
    expect((await post(inviteClient, "/invite", { token: inviteTokenRaw })).status).toBe(302);
    const sessionSecrets = [linkClient, inviteClient].map(
      (c) => c.cookies.get(SESSION_COOKIE)!.split(".")[1]!,
    );
    expect(sessionCount(store.db, user.id)).toBe(1);

    const sqlite = store.db.$client;
    const tables = sqlite
      .prepare("select name from sqlite_master where type = 'table'")
      .all()
      .map((r) => (r as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(["sign_in_tokens", "invitations", "sessions", "outbox"]));
    const dump = tables
      .map((t) => JSON.stringify(sqlite.prepare(`select * from "${t.replace(/"/g, '""')}"`).all()))
      .join("\n");

    for (const raw of [linkTokenRaw, inviteTokenRaw, ...sessionSecrets]) {
      expect(raw).toMatch(/^[a-z2-7]{32}$/);
      expect(dump).not.toContain(raw);
    }
    // The scan does see those tables: the hashes are there.
    for (const raw of [linkTokenRaw, inviteTokenRaw, ...sessionSecrets])
      expect(dump).toContain(hashToken(raw));
  });
});

describe("magic links", () => {
  it("work once: a second redemption is refused and signs nobody in", async () => {
    const { user, token } = await userWithLink("/rooms?list=1");
    const first = await post(new Client(app.url), "/auth/link", { token });
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe("/rooms?list=1");
    expect(sessionCount(store.db, user.id)).toBe(1);

    const second = await post(new Client(app.url), "/auth/link", { token });
    expect(second.status).toBe(400);
    expect(second.headers.getSetCookie()).toEqual([]);
    expect(alertText(await second.text())).toBe(html(en.auth.linkInvalid));
    expect(sessionCount(store.db, user.id)).toBe(1);
  });

  it("expire after 10 minutes", async () => {
    const { user, token } = await userWithLink();
    const row = tokenRow(token)!;
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(10 * MINUTE);
    store.db
      .update(signInTokens)
      .set({ createdAt: new Date(Date.now() - 11 * MINUTE), expiresAt: new Date(Date.now() - MINUTE) })
      .where(eq(signInTokens.id, row.id))
      .run();

    const page = await get(new Client(app.url), `/auth/link?token=${token}`);
    const body = await page.text();
    expect(page.status).toBe(200);
    // No confirmation form carrying the token (the language switcher keeps the URL, by design).
    expect(body).not.toContain(`value="${token}"`);
    expect(body).toContain(html(en.auth.linkInvalid));

    const res = await post(new Client(app.url), "/auth/link", { token });
    expect(res.status).toBe(400);
    expect(alertText(await res.text())).toBe(html(en.auth.linkInvalid));
    expect(sessionCount(store.db, user.id)).toBe(0);
    expect(tokenRow(token)!.usedAt).toBeNull();
  });

  it("redeemed by 20 requests at once create exactly one session", async () => {
    const { user, token } = await userWithLink();
    const before = sessionCount(store.db, user.id);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => post(new Client(app.url), "/auth/link", { token })),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array<number>(1).fill(302), ...Array<number>(19).fill(400)]);
    expect(sessionCount(store.db, user.id)).toBe(before + 1);
  });

  it("GET /auth/link only shows a confirmation: the link still works afterwards", async () => {
    const { user, token } = await userWithLink();
    for (let i = 0; i < 2; i++) {
      const page = await get(new Client(app.url), `/auth/link?token=${token}`);
      const body = await page.text();
      expect(page.status).toBe(200);
      expect(body).toContain(html(user.email));
      expect(body).toContain(`value="${token}"`);
      expect(page.headers.getSetCookie()).toEqual([]);
    }
    expect(tokenRow(token)!.usedAt).toBeNull();
    expect(sessionCount(store.db, user.id)).toBe(0);
    const res = await post(new Client(app.url), "/auth/link", { token });
    expect(res.status).toBe(302);
    expect(sessionCount(store.db, user.id)).toBe(1);
  });
});

describe("invitations", () => {
  it("accepting creates the customer, the membership and a session, and redirects into the room; once", async () => {
    const email = unique("newcomer");
    const token = await invite(email);

    for (let i = 0; i < 2; i++) {
      const page = await get(new Client(app.url), `/invite?token=${token}`);
      const body = await page.text();
      expect(page.status).toBe(200);
      expect(body).toContain(html(w.roomA.title));
      expect(body).toContain(`value="${token}"`);
    }
    const open = store.db.select().from(invitations).where(eq(invitations.email, email)).get()!;
    expect(open.acceptedAt).toBeNull();
    expect(store.db.select().from(users).where(eq(users.email, email)).get()).toBeUndefined();

    const client = new Client(app.url);
    const res = await post(client, "/invite", { token });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/rooms/${w.roomA.id}`);
    setCookieOf(res);
    const user = store.db.select().from(users).where(eq(users.email, email)).get()!;
    expect(user.kind).toBe("customer");
    const membership = store.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.userId, user.id), eq(memberships.roomId, w.roomA.id)))
      .get();
    expect(membership?.role).toBe("customer_member");
    expect(sessionCount(store.db, user.id)).toBe(1);
    const room = await get(client, `/rooms/${w.roomA.id}`);
    expect(room.status).toBe(200);
    expect(await room.text()).toContain(html(w.roomA.title));

    const again = await post(new Client(app.url), "/invite", { token });
    expect(again.status).toBe(400);
    expect(again.headers.getSetCookie()).toEqual([]);
    expect(alertText(await again.text())).toBe(html(en.invite.invalid));
    expect(sessionCount(store.db, user.id)).toBe(1);
    expect(store.db.select().from(users).where(eq(users.email, email)).all()).toHaveLength(1);
    expect(store.db.select().from(memberships).where(eq(memberships.userId, user.id)).all()).toHaveLength(1);
  });

  it("are valid for 7 days, then refused", async () => {
    const email = unique("late");
    const token = await invite(email);
    const row = store.db.select().from(invitations).where(eq(invitations.email, email)).get()!;
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(7 * DAY);
    store.db
      .update(invitations)
      .set({ createdAt: new Date(Date.now() - 7 * DAY - MINUTE), expiresAt: new Date(Date.now() - MINUTE) })
      .where(eq(invitations.id, row.id))
      .run();

    const page = await get(new Client(app.url), `/invite?token=${token}`);
    const body = await page.text();
    // No confirmation form carrying the token (the language switcher keeps the URL, by design).
    expect(body).not.toContain(`value="${token}"`);
    expect(body).toContain(html(en.invite.invalid));
    const res = await post(new Client(app.url), "/invite", { token });
    expect(res.status).toBe(400);
    expect(alertText(await res.text())).toBe(html(en.invite.invalid));
    expect(store.db.select().from(users).where(eq(users.email, email)).get()).toBeUndefined();
  });
});

describe("the sign-in form", () => {
  it("answers a link request for a known and an unknown address identically", async () => {
    const known = makeCustomer(store.db, { email: unique("known") });
    const unknown = unique("nobody");
    const normalise = (body: string, email: string) =>
      body.replaceAll(email, "<email>").replace(/nonce="[^"]*"/g, 'nonce=""');

    const a = await requestLink(known.email);
    const b = await requestLink(unknown);
    expect(a.status).toBe(200);
    expect(b.status).toBe(a.status);
    const bodyA = normalise(await a.text(), known.email);
    expect(bodyA).toContain(html(en.auth.linkSent));
    expect(normalise(await b.text(), unknown)).toBe(bodyA);
    // The two requests did differ inside: only the known address got an email.
    expect(outboxCount(store.db, known.email, "magic_link")).toBe(1);
    expect(outboxCount(store.db, unknown)).toBe(0);
  });

  it("refuses the 6th link request for one address within 15 minutes with 429", async () => {
    const user = makeCustomer(store.db, { email: unique("eager") });
    for (let i = 1; i <= 5; i++) expect((await requestLink(user.email)).status, `request ${i}`).toBe(200);
    const sixth = await requestLink(user.email);
    expect(sixth.status).toBe(429);
    expect(alertText(await sixth.text())).toBe(html(en.auth.rateLimited));
    expect(outboxCount(store.db, user.email, "magic_link")).toBe(5);
    // The limit is per address: someone else can still ask.
    expect((await requestLink(unique("patient"))).status).toBe(200);
  });
});

describe("password throttling", () => {
  // Anyone who knows an address can type wrong passwords for it: that must not lock its owner out.
  it("pauses password sign-in after 5 wrong passwords, but a sign-in link is still sent and signs in", async () => {
    const staff = staffWithPassword();
    const attempt = (password: string) =>
      post(new Client(app.url), "/sign-in", { intent: "password", email: staff.email, password });
    for (let i = 1; i <= 5; i++) expect((await attempt("wrong guess")).status, `guess ${i}`).toBe(400);
    const paused = await attempt(PASSWORD);
    expect(paused.status).toBe(429);
    expect(alertText(await paused.text())).toBe(html(en.auth.passwordRateLimited));

    const link = await requestLink(staff.email);
    expect(link.status).toBe(200);
    expect(outboxCount(store.db, staff.email, "magic_link")).toBe(1);
    const client = new Client(app.url);
    expect((await post(client, "/auth/link", { token: linkToken(staff.email) })).status).toBe(302);
    expect(sessionCount(store.db, staff.id)).toBe(1);
    expect((await get(client, "/portfolio")).status).toBe(200);

    // Password guessing for the address stays paused.
    expect((await attempt(PASSWORD)).status).toBe(429);
    expect(sessionCount(store.db, staff.id)).toBe(1);
  });

  // Signing in from several tabs and devices in one morning is not guessing.
  it("does not count correct passwords: they clear earlier wrong guesses, so a 6th attempt can sign in", async () => {
    const staff = staffWithPassword();
    const attempt = (password: string) =>
      post(new Client(app.url), "/sign-in", { intent: "password", email: staff.email, password });
    for (let i = 1; i <= 4; i++) expect((await attempt("wrong guess")).status, `guess ${i}`).toBe(400);
    for (let i = 1; i <= 2; i++) expect((await attempt(PASSWORD)).status, `sign-in ${i}`).toBe(302);
    expect(sessionCount(store.db, staff.id)).toBe(2);
    // After a correct password the count starts again: 5 more wrong guesses, then the pause.
    for (let i = 1; i <= 5; i++) expect((await attempt("wrong guess")).status, `guess ${i}`).toBe(400);
    expect((await attempt(PASSWORD)).status).toBe(429);
    // Twelve password hashes in a row: on a loaded 2-core machine that took more than the 20 s default.
  }, 90_000);
});

describe("redirects after sign-in", () => {
  // Browsers drop tabs and newlines inside URLs and read "\" as "/": each of these means another host.
  const offSite = [
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "/\t\\evil.example",
    "https://evil.example/",
  ];
  const sameOrigin = (location: string | null) =>
    location !== null && new URL(location, app.url).origin === new URL(app.url).origin;

  it("stay on this site for a signed-in visitor of /sign-in, and keep a path of the site", async () => {
    const client = new Client(app.url);
    signInAs(store.db, client, makeStaff(store.db, { email: unique("bounce", "vendor.example") }).id);
    for (const target of offSite) {
      const res = await get(client, `/sign-in?redirectTo=${encodeURIComponent(target)}`);
      expect(res.status, JSON.stringify(target)).toBe(302);
      expect(sameOrigin(res.headers.get("Location")), JSON.stringify(target)).toBe(true);
    }
    const res = await get(client, `/sign-in?redirectTo=${encodeURIComponent("/portfolio?scope=all")}`);
    expect(res.headers.get("Location")).toBe("/portfolio?scope=all");
  });

  it("stay on this site after a password sign-in and after a link", async () => {
    const staff = staffWithPassword();
    const signedIn = await post(new Client(app.url), "/sign-in", {
      intent: "password",
      email: staff.email,
      password: PASSWORD,
      redirectTo: "/\t/evil.example",
    });
    expect(signedIn.status).toBe(302);
    expect(sameOrigin(signedIn.headers.get("Location"))).toBe(true);

    const { token } = await userWithLink("/\t\\evil.example");
    const redeemed = await post(new Client(app.url), "/auth/link", { token });
    expect(redeemed.status).toBe(302);
    expect(sameOrigin(redeemed.headers.get("Location"))).toBe(true);
  });
});
