import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "#db/client.server";
import { handoffMessages, handoffs, outbox, stakeholders, users } from "#db/schema";
import { renderEmail } from "~/mail/render.server";
import en from "~/i18n/locales/en/app.json";
import ja from "~/i18n/locales/ja/app.json";
import { unseal } from "~/utils/seal.server";
import type { EmailTemplateName, EmailTemplates } from "#emails/registry";
import { Client, startTestApp, type TestApp } from "../helpers/app-server";
import {
  createTestDatabase,
  seedTwoTenants,
  signInAs,
  type TestDatabase,
  type TwoTenants,
} from "../helpers/fixtures";
import { acceptedHostileDoc, doc, HOSTILE_DOCS, HOSTILE_TEXTS, link } from "../fixtures/hostile-rich-text";

// The sales → CS handoff through the built app over HTTP: drafts, submit checks, the CSM's email and
// inbox, acknowledgement, the thread and its emails, stale versions, people → team, the portfolio badge,
// and hostile text in every field, in pages and emails.

let tdb: TestDatabase;
let app: TestApp;
let w: TwoTenants;

beforeAll(async () => {
  tdb = createTestDatabase();
  useDatabase(tdb.db);
  w = seedTwoTenants(tdb.db);
  // The CSM of A reads Japanese: the submission email must come in Japanese.
  tdb.db.update(users).set({ locale: "ja" }).where(eq(users.id, w.csmA.id)).run();
  app = await startTestApp({ databasePath: tdb.path });
});

afterAll(async () => {
  await app?.close();
  tdb?.dispose();
});

async function as(userId: string, lang = "en") {
  const client = new Client(app.url);
  signInAs(tdb.db, client, userId);
  client.cookies.set("lang", lang);
  return client;
}

const route = (accountId = w.accountA.id) => `/accounts/${accountId}/handoff`;
const stored = (accountId = w.accountA.id) =>
  tdb.db.select().from(handoffs).where(eq(handoffs.accountId, accountId)).get();
const emails = (template: EmailTemplateName, to?: string) =>
  tdb.db
    .select()
    .from(outbox)
    .where(to ? and(eq(outbox.template, template), eq(outbox.toEmail, to)) : eq(outbox.template, template))
    .all();
const escaped = (value: string) =>
  value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#x27;");

function assertInert(markup: string) {
  for (const tag of markup.match(/<[a-z][^>]*>/gi) ?? []) {
    expect(tag).not.toMatch(/^<(script|img|svg|iframe|object|embed|style)(\s|>)/i);
    const attributes = tag.replace(/"[^"]*"/g, '""');
    expect(attributes).not.toMatch(/\son[a-z]+=/i);
    expect(tag).not.toMatch(/(href|src)="\s*(javascript|data|vbscript):/i);
  }
}

type Person = { name?: string; email?: string; title?: string; role?: string };

/** The form as the page posts it: people as parallel repeated fields. */
function form(fields: Record<string, string>, people: Person[] = []): URLSearchParams {
  const body = new URLSearchParams(fields);
  for (const p of people) {
    body.append("personName", p.name ?? "");
    body.append("personEmail", p.email ?? "");
    body.append("personTitle", p.title ?? "");
    body.append("personRole", p.role ?? "");
  }
  return body;
}

async function post(client: Client, body: URLSearchParams, accountId = w.accountA.id) {
  return client.request(route(accountId), {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
}

const complete = {
  productsBought: "Enterprise plan, 200 seats",
  whyBought: "Onboarding takes too long",
  successMetrics: "Go live in 90 days",
  contractStart: "2026-11-01",
  contractEnd: "2027-10-31",
  crmDealUrl: "https://crm.example.com/deals/9",
};
const people: Person[] = [
  { name: "Quentin Admin", email: "QUENTIN.ADMIN@quokka.example", title: "IT lead", role: "project_lead" },
  { name: "Olga Newcomer", email: "olga@quokka.example", title: "CIO", role: "sponsor" },
];

describe("drafts, submit, acknowledge, thread", () => {
  it("a draft saves without the required fields; a stale version gets 409 and changes nothing", async () => {
    const sales = await as(w.salesA.id);
    const res = await post(sales, form({ intent: "save", version: "0", productsBought: "Only this" }));
    expect(res.status).toBe(200);
    const row = stored()!;
    expect(row.status).toBe("draft");
    expect(row.productsBought).toBe("Only this");
    expect(row.version).toBe(1);

    const again = await post(sales, form({ intent: "save", version: "0", productsBought: "Overwrite" }));
    expect(again.status).toBe(409);
    expect(await again.text()).toContain(escaped(en.handoff.stale));
    expect(stored()!.productsBought).toBe("Only this");

    const ok = await post(sales, form({ intent: "save", version: "1", productsBought: "Second" }));
    expect(ok.status).toBe(200);
    expect(stored()!.version).toBe(2);
  });

  it("submit with missing fields: 400, each missing field named, nothing changed, nothing sent", async () => {
    const sales = await as(w.salesA.id);
    const before = stored()!;
    const res = await post(
      sales,
      form({
        intent: "submit",
        version: String(before.version),
        productsBought: "Changed",
        whyBought: "Why",
      }),
    );
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain(escaped(en.handoff.submitMissing));
    expect(page).toContain(escaped(en.handoff.peopleRequired));
    // The form keeps what was typed.
    expect(page).toContain("Changed");
    expect(stored()).toEqual(before);
    expect(emails("handoff_submitted")).toHaveLength(0);
  });

  it("refuses a bad person row, a javascript: deal link and an end before the start", async () => {
    const sales = await as(w.salesA.id);
    const before = stored()!;
    for (const [fields, rows, key] of [
      [{ ...complete }, [{ email: "x@quokka.example" }], en.handoff.personNameRequired],
      [{ ...complete }, [{ name: "X", email: "not-an-email" }], en.validation.email],
      [{ ...complete }, [{ name: "X", role: "overlord" }], en.validation.choose],
      [{ ...complete, crmDealUrl: "javascript:alert(1)" }, people, en.validation.url],
      [{ ...complete, contractEnd: "2026-01-01" }, people, en.handoff.endBeforeStart],
    ] as const) {
      const res = await post(
        sales,
        form({ intent: "submit", version: String(before.version), ...fields }, [...rows]),
      );
      expect(res.status).toBe(400);
      expect(await res.text()).toContain(escaped(key));
    }
    expect(stored()).toEqual(before);
  });

  it("a customer, the wrong tenant's staff and sales of another account get 404", async () => {
    for (const id of [w.customerAdminA.id, w.memberA.id, w.salesB.id, w.customerB.id]) {
      const client = await as(id);
      expect((await client.get(route())).status).toBe(404);
      const res = await post(client, form({ intent: "save", version: "2", productsBought: "Hijack" }));
      expect(res.status).toBe(404);
    }
    expect(stored()!.productsBought).toBe("Second");
  });

  it("submitting emails the account's CSM in their language and puts it in their inbox", async () => {
    const sales = await as(w.salesA.id);
    const res = await post(
      sales,
      form(
        {
          intent: "submit",
          version: String(stored()!.version),
          ...complete,
          bodyText: "Decision maker: Olga",
        },
        people,
      ),
    );
    expect(res.status).toBe(200);
    const row = stored()!;
    expect(row.status).toBe("submitted");
    expect(row.submittedById).toBe(w.salesA.id);
    expect(row.people.map((p) => p.email)).toEqual(["quentin.admin@quokka.example", "olga@quokka.example"]);
    const sent = emails("handoff_submitted");
    expect(sent).toHaveLength(1);
    expect(sent[0]!.toEmail).toBe(w.csmA.email);
    expect(sent[0]!.locale).toBe("ja");
    const props = unseal<EmailTemplates["handoff_submitted"]>(sent[0]!.sealedProps);
    expect(props.url).toContain(route());

    const csm = await as(w.csmA.id);
    const inbox = await (await csm.get("/alerts")).text();
    // The CSM reads Japanese (their own language wins over the cookie).
    expect(inbox).toContain(ja.handoff.inboxTitle);
    expect(inbox).toContain(w.accountA.name);
    expect(inbox).toContain(route());
    // Another CSM's inbox does not list it; the admin's does.
    expect(await (await (await as(w.csmB.id)).get("/alerts")).text()).not.toContain(route());
    expect(await (await (await as(w.admin.id)).get("/alerts")).text()).toContain(route());
  });

  it("the thread: the CSM asks, sales answers, each message emails the other side", async () => {
    const csm = await as(w.csmA.id);
    const ask = await csm.post(route(), { intent: "message", body: "When is SSO due?" });
    expect(ask.status).toBe(200);
    expect(emails("handoff_message", w.salesA.email)).toHaveLength(1);
    const sales = await as(w.salesA.id);
    const answer = await sales.post(route(), { intent: "message", body: "In January." });
    expect(answer.status).toBe(200);
    expect(emails("handoff_message", w.csmA.email)).toHaveLength(1);
    const empty = await sales.post(route(), { intent: "message", body: "  " });
    expect(empty.status).toBe(400);
    const page = await (await csm.get(route())).text();
    expect(page).toContain("When is SSO due?");
    expect(page).toContain("In January.");
  });

  it("only the account's CSM (or an admin) acknowledges; a stale version gets 409; then it is read-only", async () => {
    const version = String(stored()!.version);
    const sales = await as(w.salesA.id);
    expect((await sales.post(route(), { intent: "acknowledge", version })).status).toBe(403);
    const csm = await as(w.csmA.id);
    expect((await csm.post(route(), { intent: "acknowledge", version: "99" })).status).toBe(409);
    expect(stored()!.status).toBe("submitted");
    const res = await csm.post(route(), { intent: "acknowledge", version });
    expect(res.status).toBe(200);
    expect(stored()!.status).toBe("acknowledged");
    expect(stored()!.acknowledgedById).toBe(w.csmA.id);
    // Gone from the inbox.
    expect(await (await csm.get("/alerts")).text()).not.toContain(route());
    // Read-only: a save is refused, the thread stays open.
    const save = await post(
      sales,
      form({ intent: "save", version: String(stored()!.version), ...complete }, people),
    );
    expect(save.status).toBe(409);
    expect((await sales.post(route(), { intent: "message", body: "One more thing" })).status).toBe(200);
  });

  it("adds the handoff's people to the room's team, skipping those already on it (same email)", async () => {
    tdb.db
      .insert(stakeholders)
      .values({
        roomId: w.roomA.id,
        name: "Quentin Admin",
        side: "customer",
        email: "quentin.admin@quokka.example",
      })
      .run();
    const sales = await as(w.salesA.id);
    // Sales reads the room (account owner) but does not edit its team.
    expect((await sales.post(route(), { intent: "addPeople", roomId: w.roomA.id })).status).toBe(403);
    const csm = await as(w.csmA.id);
    // A room of another account is not found from this page.
    expect((await csm.post(route(), { intent: "addPeople", roomId: w.roomB.id })).status).toBe(404);
    const res = await csm.post(route(), { intent: "addPeople", roomId: w.roomA.id });
    expect(res.status).toBe(200);
    const team = tdb.db.select().from(stakeholders).where(eq(stakeholders.roomId, w.roomA.id)).all();
    expect(team.filter((p) => p.email === "quentin.admin@quokka.example")).toHaveLength(1);
    const olga = team.find((p) => p.email === "olga@quokka.example");
    expect(olga).toMatchObject({ side: "customer", teamRole: "sponsor", title: "CIO", isSponsor: true });
    // Twice adds no one.
    await csm.post(route(), { intent: "addPeople", roomId: w.roomA.id });
    expect(tdb.db.select().from(stakeholders).where(eq(stakeholders.roomId, w.roomA.id)).all()).toHaveLength(
      team.length,
    );
  });
});

describe("the room link and the portfolio badge", () => {
  it("staff see the handoff link in the room header; customers do not", async () => {
    const csm = await as(w.csmB.id);
    const page = await (await csm.get(`/rooms/${w.roomB.id}`)).text();
    expect(page).toContain(route(w.accountB.id));
    expect(page).toContain(escaped(en.handoff.status.missing));
    const customer = await as(w.customerB.id);
    const theirs = await (await customer.get(`/rooms/${w.roomB.id}`)).text();
    expect(theirs).not.toContain("/handoff");
    expect(theirs).not.toContain('data-testid="room-handoff-link"');
  });

  it("the portfolio marks rooms whose handoff is missing or unacknowledged, and filters them", async () => {
    const admin = await as(w.admin.id);
    const all = await (await admin.get("/portfolio?scope=all")).text();
    expect(all).toContain(escaped(en.handoff.portfolioBadge.missing));
    expect(all).toContain(route(w.accountB.id));
    // A's handoff is acknowledged: no badge for it.
    expect(all).not.toContain(`href="${route(w.accountA.id)}"`);
    const open = await (await admin.get("/portfolio?scope=all&handoff=1")).text();
    expect(open).toContain("Bravo Launch Plan");
    expect(open).not.toContain("Zanzibar Rollout Programme");
  });
});

describe("hostile text in every field, in pages and emails", () => {
  it("is stored as text and rendered inert on the page and in both emails", async () => {
    const sales = await as(w.salesB.id, "ja");
    const fields: Record<string, string> = {};
    const textFields = [
      "productsBought",
      "whyBought",
      "successMetrics",
      "constraints",
      "promises",
      "risks",
      "competitors",
    ];
    textFields.forEach((f, i) => (fields[f] = HOSTILE_TEXTS[i % HOSTILE_TEXTS.length]!));
    const hostilePeople = HOSTILE_TEXTS.map((t, i) => ({
      name: t,
      title: t,
      email: `p${i}@platypus.example`,
    }));
    const res = await post(
      sales,
      form(
        {
          intent: "submit",
          version: "0",
          contractStart: "2026-12-01",
          bodyJson: JSON.stringify(acceptedHostileDoc()),
          ...fields,
        },
        hostilePeople,
      ),
      w.accountB.id,
    );
    expect(res.status).toBe(200);
    const csm = await as(w.csmB.id, "ja");
    const message = HOSTILE_TEXTS.join(" ");
    expect((await csm.post(route(w.accountB.id), { intent: "message", body: message })).status).toBe(200);
    const page = await (await csm.get(route(w.accountB.id))).text();
    for (const t of HOSTILE_TEXTS) expect(page).toContain(escaped(t));
    const main = page.slice(page.indexOf("<main"));
    assertInert(main.slice(0, main.indexOf("<script")));
    // The inbox and the emails.
    const inbox = await (await csm.get("/alerts")).text();
    expect(inbox).toContain(escaped(en.handoff.inboxTitle));
    for (const template of ["handoff_submitted", "handoff_message"] as const) {
      const [row] = emails(template).filter(
        (e) => e.toEmail === w.csmB.email || e.toEmail === w.salesB.email,
      );
      expect(row).toBeDefined();
      const props = unseal<EmailTemplates[typeof template]>(row!.sealedProps);
      const rendered = await renderEmail(template, "ja", props as never);
      assertInert(rendered.html);
      if (template === "handoff_message") {
        expect(rendered.html).toContain(escaped(HOSTILE_TEXTS[0]!).replace(/&#x27;/g, "&#x27;"));
        expect(rendered.text).toContain(HOSTILE_TEXTS[0]);
      }
    }
  });

  it.each(HOSTILE_DOCS.filter((c) => c.name !== "class instance node").slice(0, 12))(
    "notes: $name → 400, nothing stored",
    async ({ input }) => {
      const sales = await as(w.salesB.id);
      const before = stored(w.accountB.id);
      const bodyJson = typeof input === "string" ? input : JSON.stringify(input);
      const res = await post(
        sales,
        form({ intent: "save", version: String(before!.version), bodyJson }),
        w.accountB.id,
      );
      expect(res.status).toBe(400);
      expect(stored(w.accountB.id)).toEqual(before);
    },
  );

  it("notes: a javascript: link is refused", async () => {
    const sales = await as(w.salesB.id);
    const before = stored(w.accountB.id);
    const res = await post(
      sales,
      form({
        intent: "save",
        version: String(before!.version),
        bodyJson: JSON.stringify(doc(link("javascript:window.__pwned=1"))),
      }),
      w.accountB.id,
    );
    expect(res.status).toBe(400);
    expect(stored(w.accountB.id)).toEqual(before);
  });

  it("messages are stored as typed", () => {
    const rows = tdb.db.select().from(handoffMessages).all();
    expect(rows.some((r) => r.body.includes(HOSTILE_TEXTS[0]!))).toBe(true);
  });
});
