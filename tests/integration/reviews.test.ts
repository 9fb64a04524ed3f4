import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "#db/client.server";
import {
  events,
  milestones,
  outbox,
  planTemplates,
  reviewFindings,
  reviews,
  rooms,
  stakeholders,
  surveyRequests,
  tasks,
  templateMilestones,
  templateRevisions,
  templateTasks,
  users,
} from "#db/schema";
import { createPlanFromTemplate } from "~/domain/plan/plan.server";
import { getRoomAccess } from "~/domain/rooms/access.server";
import { Client, startTestApp, type TestApp } from "../helpers/app-server";
import {
  createTestDatabase,
  seedTwoTenants,
  signInAs,
  type TestDatabase,
  type TwoTenants,
} from "../helpers/fixtures";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink";
import { HOSTILE_TEXTS } from "../fixtures/hostile-rich-text";

// The post-onboarding review through the built app over HTTP: answers with stale versions, findings and
// their template proposals, the customer survey by emailed link (real SMTP sink), accepting and rejecting
// proposals (existing plans unchanged), completing (stage → adoption), the report's scope, hostile text.

let tdb: TestDatabase;
let app: TestApp;
let sink: SmtpSink;
let w: TwoTenants;
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

beforeAll(async () => {
  tdb = createTestDatabase();
  useDatabase(tdb.db);
  w = seedTwoTenants(tdb.db);
  createPlanFromTemplate({ ...getRoomAccess(w.csmA, w.roomA.id)!, user: w.csmA }, w.templateId);
  // The customer side: an English-speaking user (linked) and a sponsor with only an address (Tokyo → ja).
  tdb.db.update(users).set({ locale: "en" }).where(eq(users.id, w.memberA.id)).run();
  tdb.db
    .insert(stakeholders)
    .values([
      {
        roomId: w.roomA.id,
        name: "Quinn Member",
        side: "customer",
        userId: w.memberA.id,
        email: w.memberA.email,
      },
      {
        roomId: w.roomA.id,
        name: "山田 太郎",
        side: "customer",
        email: "yamada@quokka.example",
        isSponsor: true,
      },
      { roomId: w.roomA.id, name: "No Mail", side: "customer" },
      { roomId: w.roomB.id, name: "Other Tenant", side: "customer", email: "other@platypus.example" },
    ])
    .run();
  sink = await startSmtpSink();
  app = await startTestApp({ databasePath: tdb.path, smtpUrl: sink.url, relay: true });
});

afterAll(async () => {
  await app?.close();
  await sink?.close();
  tdb?.dispose();
});

async function as(userId: string, lang = "en") {
  const client = new Client(app.url);
  signInAs(tdb.db, client, userId);
  client.cookies.set("launchroom_lang", lang);
  return client;
}

const page = () => `/rooms/${w.roomA.id}/review`;
const review = () => tdb.db.select().from(reviews).where(eq(reviews.roomId, w.roomA.id)).get();
const findings = () =>
  tdb.db
    .select()
    .from(reviewFindings)
    .where(eq(reviewFindings.roomId, w.roomA.id))
    .orderBy(asc(reviewFindings.createdAt))
    .all();
const template = () => tdb.db.select().from(planTemplates).where(eq(planTemplates.id, w.templateId)).get()!;
const person = (name: string) => tdb.db.select().from(stakeholders).where(eq(stakeholders.name, name)).get()!;
const roomPlan = () => ({
  tasks: tdb.db.select().from(tasks).where(eq(tasks.roomId, w.roomA.id)).orderBy(asc(tasks.id)).all(),
  milestones: tdb.db
    .select()
    .from(milestones)
    .where(eq(milestones.roomId, w.roomA.id))
    .orderBy(asc(milestones.id))
    .all(),
});

function assertInert(markup: string) {
  for (const tag of markup.match(/<[a-z][^>]*>/gi) ?? []) {
    expect(tag).not.toMatch(/^<(script|img|svg|iframe|object|embed|style)(\s|>)/i);
    expect(tag.replace(/"[^"]*"/g, '""')).not.toMatch(/\son[a-z]+=/i);
    expect(tag).not.toMatch(/(href|src)="\s*(javascript|data|vbscript):/i);
  }
}

const validFinding = (extra: Record<string, string> = {}) => ({
  intent: "addFinding",
  category: "handoff",
  cost: "high",
  fixBy: "2027-03-31",
  description: "The customer's security review was not in the handoff.",
  ...extra,
});

describe("who may see and run the review", () => {
  it("answers customers 404, the account's salesperson read-only, the CSM in full", async () => {
    for (const customer of [w.customerAdminA, w.memberA, w.viewerA, w.customerB]) {
      const client = await as(customer.id);
      expect((await client.get(page())).status).toBe(404);
      expect((await client.post(page(), { intent: "start" })).status).toBe(404);
    }
    const sales = await as(w.salesA.id);
    const salesPage = await sales.get(page());
    expect(salesPage.status).toBe(200);
    expect((await sales.post(page(), { intent: "start" })).status).toBe(403);
    expect(review()).toBeUndefined();
    // The room tab shows for staff only.
    expect(await (await (await as(w.csmA.id)).get(`/rooms/${w.roomA.id}`)).text()).toContain(
      `/rooms/${w.roomA.id}/review`,
    );
    expect(await (await (await as(w.memberA.id)).get(`/rooms/${w.roomA.id}/plan`)).text()).not.toContain(
      "/review",
    );
  });

  it("starts once per room", async () => {
    const csm = await as(w.csmA.id);
    expect((await csm.post(page(), { intent: "start" })).status).toBe(200);
    expect(review()?.status).toBe("open");
    expect((await csm.post(page(), { intent: "start" })).status).toBe(409);
    expect(tdb.db.select().from(reviews).all()).toHaveLength(1);
  });
});

describe("answers", () => {
  it("saves with the version and refuses a stale one with 409, keeping what was typed", async () => {
    const csm = await as(w.csmA.id);
    const v = review()!.version;
    const ok = await csm.post(page(), {
      intent: "answers",
      version: String(v),
      positioned: "Mostly yes.",
      gap: "",
    });
    expect(ok.status).toBe(200);
    expect(review()!.answers).toEqual({ positioned: "Mostly yes." });
    const stale = await csm.post(page(), {
      intent: "answers",
      version: String(v),
      positioned: "Typed in an old tab",
    });
    expect(stale.status).toBe(409);
    const html = await stale.text();
    expect(html).toContain("Typed in an old tab");
    expect(html).toContain("Someone else saved the review meanwhile");
    expect(review()!.answers).toEqual({ positioned: "Mostly yes." });
    const tooLong = await csm.post(page(), {
      intent: "answers",
      version: String(v + 1),
      gap: "x".repeat(4001),
    });
    expect(tooLong.status).toBe(400);
    expect(review()!.version).toBe(v + 1);
  });
});

describe("findings", () => {
  it("refuses bad findings with 400 and changes nothing", async () => {
    const csm = await as(w.csmA.id);
    const otherTemplateTask = tdb.db
      .select()
      .from(templateTasks)
      .where(eq(templateTasks.templateId, w.templateId))
      .get()!;
    const cases: Record<string, string>[] = [
      validFinding({ description: "" }),
      validFinding({ category: "weather" }),
      validFinding({ cost: "enormous" }),
      validFinding({ fixBy: "2027-02-30" }),
      validFinding({ proposalKind: "add_task", pTitle: "No phase" }),
      validFinding({ proposalKind: "change_task", pTaskId: "not-a-task", pTitle: "X" }),
      validFinding({ proposalKind: "change_task", pTaskId: otherTemplateTask.id }),
      validFinding({ proposalKind: "add_milestone", pTitle: "Day?", pOffset: "soon" }),
      validFinding({ proposalKind: "change_task", pTaskId: otherTemplateTask.id, pStart: "20", pDue: "10" }),
    ];
    for (const form of cases) {
      const res = await csm.post(page(), form);
      expect(res.status, JSON.stringify(form)).toBe(400);
      expect(await res.text()).toContain(form.description || "aria-invalid");
    }
    expect(findings()).toHaveLength(0);
  });

  it("adds, edits and removes findings; a proposal starts as proposed", async () => {
    const csm = await as(w.csmA.id);
    const tpl = tdb.db
      .select()
      .from(templateTasks)
      .where(eq(templateTasks.templateId, w.templateId))
      .orderBy(asc(templateTasks.position))
      .all();
    const res = await csm.post(
      page(),
      validFinding({
        proposalKind: "change_task",
        pTaskId: tpl[0]!.id,
        pTitle: "Review the handoff with security",
        pDue: "5",
      }),
    );
    expect(res.status).toBe(200);
    const phase = tpl[0]!.phaseId;
    await csm.post(
      page(),
      validFinding({
        category: "onboarding",
        cost: "medium",
        proposalKind: "add_task",
        pPhaseId: phase,
        pTitle: "Security questionnaire",
        pSide: "customer",
        pStart: "0",
        pDue: "7",
      }),
    );
    await csm.post(page(), validFinding({ category: "product", cost: "low", description: "To be removed" }));
    const [first, second, third] = findings();
    expect(first!.proposalStatus).toBe("proposed");
    expect(first!.templateId).toBe(w.templateId);
    expect(second!.proposalKind).toBe("add_task");
    expect(third!.proposalStatus).toBeNull();
    const edit = await csm.post(page(), {
      ...validFinding({ category: "product", cost: "medium", description: "Edited" }),
      intent: "updateFinding",
      findingId: third!.id,
      version: String(third!.version),
    });
    expect(edit.status).toBe(200);
    const staleEdit = await csm.post(page(), {
      ...validFinding({ description: "Stale edit" }),
      intent: "updateFinding",
      findingId: third!.id,
      version: String(third!.version),
    });
    expect(staleEdit.status).toBe(409);
    expect(await staleEdit.text()).toContain("Stale edit");
    expect(findings()[2]!.description).toBe("Edited");
    expect(
      (
        await csm.post(page(), {
          intent: "removeFinding",
          findingId: third!.id,
          version: String(third!.version + 1),
        })
      ).status,
    ).toBe(200);
    expect(findings()).toHaveLength(2);
    // The salesperson reads them but cannot add.
    const sales = await as(w.salesA.id);
    expect(await (await sales.get(page())).text()).toContain("Review the handoff with security");
    expect((await sales.post(page(), validFinding())).status).toBe(403);
  });
});

describe("the customer survey", () => {
  let tokenEn = "";
  let tokenJa = "";

  it("emails each chosen customer-side person in their language, through the outbox and SMTP", async () => {
    const csm = await as(w.csmA.id);
    const body = new URLSearchParams({ intent: "survey" });
    body.append("stakeholderIds", person("Quinn Member").id);
    body.append("stakeholderIds", person("山田 太郎").id);
    const res = await csm.request(page(), {
      method: "POST",
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(200);
    const en = await sink.waitFor((m) => m.to.includes(w.memberA.email) && /survey/i.test(m.subject), 20_000);
    const ja = await sink.waitFor(
      (m) => m.to.includes("yamada@quokka.example") && m.subject.includes("アンケート"),
      20_000,
    );
    expect(en.subject).not.toMatch(JAPANESE);
    expect(ja.subject).toMatch(JAPANESE);
    expect(`${ja.text} ${ja.html}`).toContain("山田 太郎 様");
    const link = (text: string) => /\/survey\/([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? "";
    tokenEn = link(`${en.text} ${en.html}`);
    tokenJa = link(`${ja.text} ${ja.html}`);
    expect(tokenEn).not.toBe("");
    // Only the hash is stored.
    const stored = tdb.db.select().from(surveyRequests).all();
    expect(stored).toHaveLength(2);
    expect(stored.map((s) => s.tokenHash)).not.toContain(tokenEn);
    expect(stored.every((s) => s.expiresAt.getTime() - Date.now() > 13.9 * 24 * 3600 * 1000)).toBe(true);
  });

  it("refuses people without an address, of another room or none", async () => {
    const csm = await as(w.csmA.id);
    for (const id of ["", person("No Mail").id, person("Other Tenant").id]) {
      const res = await csm.post(page(), { intent: "survey", ...(id ? { stakeholderIds: id } : {}) });
      expect(res.status).toBe(400);
    }
    expect(tdb.db.select().from(surveyRequests).all()).toHaveLength(2);
    expect(tdb.db.select().from(outbox).where(eq(outbox.template, "review_survey")).all()).toHaveLength(2);
  });

  it("opens without signing in, in the recipient's language, and is used once", async () => {
    const anon = new Client(app.url);
    const first = await anon.get(`/survey/${tokenJa}`);
    // No language chosen yet: the recipient's language is set, then the page shows in it.
    expect(first.status).toBe(302);
    expect(anon.cookies.get("launchroom_lang")).toBe("ja");
    const shown = await anon.get(`/survey/${tokenJa}`);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain("オンボーディングはいかがでしたか");
    const bad = await anon.post(`/survey/${tokenJa}`, { satisfaction: "7", recommend: "", comment: "kept" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("kept");
    const comment = HOSTILE_TEXTS.join(" ");
    const ok = await anon.post(`/survey/${tokenJa}`, { satisfaction: "4", recommend: "9", comment });
    expect(ok.status).toBe(302);
    const thanks = await anon.get(ok.headers.get("Location")!);
    expect(thanks.status).toBe(200);
    expect(await thanks.text()).toContain("ご回答ありがとうございました");
    const again = await anon.post(`/survey/${tokenJa}`, { satisfaction: "1", recommend: "0" });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain("回答済み");
    const row = tdb.db
      .select()
      .from(surveyRequests)
      .where(eq(surveyRequests.email, "yamada@quokka.example"))
      .get()!;
    expect([row.satisfaction, row.recommend, row.comment]).toEqual([4, 9, comment]);
    expect((await anon.get(`/survey/${tokenJa}`)).status).toBe(410);
    const answered = tdb.db.select().from(events).where(eq(events.type, "review.survey_answered")).all();
    expect(answered).toHaveLength(1);
  });

  it("explains expired, unknown and tampered links (no 500), and the answers show on the review", async () => {
    const anon = new Client(app.url);
    anon.cookies.set("launchroom_lang", "en");
    tdb.db
      .update(surveyRequests)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(surveyRequests.email, w.memberA.email))
      .run();
    const expired = await anon.get(`/survey/${tokenEn}`);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain("This survey link has expired");
    expect((await anon.post(`/survey/${tokenEn}`, { satisfaction: "5", recommend: "10" })).status).toBe(410);
    const tampered = `${tokenEn.slice(0, -2)}${tokenEn.endsWith("AA") ? "BB" : "AA"}`;
    for (const token of [tampered, "nonsense", "%00"]) {
      const res = await anon.get(`/survey/${token}`);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain("This survey link is not valid");
      expect((await anon.post(`/survey/${token}`, { satisfaction: "5", recommend: "10" })).status).toBe(404);
    }
    // A POST from another site is refused like every other.
    expect(
      (
        await anon.request(`/survey/${tokenEn}`, {
          method: "POST",
          form: { satisfaction: "5", recommend: "10" },
          headers: { Origin: "https://evil.example" },
        })
      ).status,
    ).toBe(403);
    const csm = await as(w.csmA.id);
    const html = await (await csm.get(page())).text();
    expect(html).toContain("Satisfaction 4/5");
    assertInert(html.slice(html.indexOf("<main"), html.indexOf("</main>")));
  });
});

describe("template proposals", () => {
  it("only admins decide; accepting changes the template, bumps its revision and leaves existing plans as they were", async () => {
    const before = roomPlan();
    const [change, add] = findings();
    const templatePage = `/templates/${w.templateId}`;
    const csm = await as(w.csmA.id);
    expect(await (await csm.get(templatePage)).text()).toContain("Review the handoff with security");
    expect(
      (
        await csm.post(templatePage, {
          intent: "accept",
          findingId: change!.id,
          version: String(change!.version),
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await csm.post("/reviews", {
          intent: "accept",
          findingId: change!.id,
          version: String(change!.version),
        })
      ).status,
    ).toBe(403);
    expect(template().revision).toBe(1);

    const admin = await as(w.admin.id);
    const res = await admin.post(templatePage, {
      intent: "accept",
      findingId: change!.id,
      version: String(change!.version),
    });
    expect(res.status).toBe(200);
    expect(template().revision).toBe(2);
    const changed = tdb.db
      .select()
      .from(templateTasks)
      .where(eq(templateTasks.id, change!.proposal!.taskId as string))
      .get()!;
    expect(changed.title).toBe("Review the handoff with security");
    expect(changed.dueOffsetDays).toBe(5);
    const history = tdb.db
      .select()
      .from(templateRevisions)
      .where(eq(templateRevisions.templateId, w.templateId))
      .all();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ revision: 2, findingId: change!.id, changedById: w.admin.id });
    const decided = findings()[0]!;
    expect(decided).toMatchObject({
      proposalStatus: "accepted",
      appliedRevision: 2,
      decidedById: w.admin.id,
    });
    // The room made from revision 1 keeps its plan exactly.
    expect(roomPlan()).toEqual(before);
    expect(tdb.db.select().from(rooms).where(eq(rooms.id, w.roomA.id)).get()!.planTemplateRevision).toBe(1);
    // Deciding twice is refused.
    expect(
      (
        await admin.post(templatePage, {
          intent: "accept",
          findingId: change!.id,
          version: String(decided.version),
        })
      ).status,
    ).toBe(409);
    // The page shows the revision and its history.
    const html = await (await admin.get(templatePage)).text();
    expect(html).toContain("Revision 2");
    expect(html).toContain("Review the handoff with security");

    // Rejecting from the report.
    expect(
      (await admin.post("/reviews", { intent: "reject", findingId: add!.id, version: String(add!.version) }))
        .status,
    ).toBe(200);
    expect(findings()[1]!.proposalStatus).toBe("rejected");
    expect(template().revision).toBe(2);
    const types = tdb.db
      .select({ type: events.type })
      .from(events)
      .all()
      .map((e) => e.type);
    expect(types).toContain("template.change_accepted");
    expect(types).toContain("template.change_rejected");
  });

  it("refuses clearly a proposal whose target no longer exists", async () => {
    const csm = await as(w.csmA.id);
    const milestone = tdb.db
      .select()
      .from(templateMilestones)
      .where(eq(templateMilestones.templateId, w.templateId))
      .get()!;
    await csm.post(
      page(),
      validFinding({
        category: "onboarding",
        proposalKind: "change_milestone",
        pMilestoneId: milestone.id,
        pOffset: "30",
      }),
    );
    const finding = findings().at(-1)!;
    expect(finding.proposalStatus).toBe("proposed");
    tdb.db.delete(templateMilestones).where(eq(templateMilestones.id, milestone.id)).run();
    const admin = await as(w.admin.id);
    const res = await admin.post(`/templates/${w.templateId}`, {
      intent: "accept",
      findingId: finding.id,
      version: String(finding.version),
    });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("no longer has the phase, task or milestone");
    expect(findings().at(-1)!.proposalStatus).toBe("proposed");
    expect(template().revision).toBe(2);
  });
});

describe("completing the review", () => {
  it("needs the core answers, then moves the room to adoption, shown on the portfolio", async () => {
    const csm = await as(w.csmA.id);
    const v = review()!.version;
    const refused = await csm.post(page(), { intent: "complete", version: String(v) });
    expect(refused.status).toBe(400);
    expect(review()!.status).toBe("open");
    const hostile = HOSTILE_TEXTS.join(" ");
    expect(
      (
        await csm.post(page(), {
          intent: "answers",
          version: String(v),
          positioned: "Yes",
          gap: hostile,
          surprises: hostile,
        })
      ).status,
    ).toBe(200);
    expect((await csm.post(page(), { intent: "complete", version: String(v + 1) })).status).toBe(200);
    expect(review()!.status).toBe("completed");
    expect(tdb.db.select().from(rooms).where(eq(rooms.id, w.roomA.id)).get()!.stage).toBe("adoption");
    // Closed: no more edits.
    expect(
      (await csm.post(page(), { intent: "answers", version: String(v + 2), positioned: "late" })).status,
    ).toBe(409);
    const html = await (await csm.get(page())).text();
    assertInert(html.slice(html.indexOf("<main"), html.indexOf("</main>")));
    const portfolio = await (await csm.get("/portfolio?view=list&scope=all")).text();
    expect(portfolio).toContain("Adoption");
  });

  it("keeps review events out of the customer's feed; staff read them", async () => {
    const member = await as(w.memberA.id);
    const feed = await (await member.get(`/rooms/${w.roomA.id}/activity`)).text();
    const main = feed.slice(feed.indexOf("<main"), feed.indexOf("</main>"));
    expect(main).not.toMatch(/the review|the survey|a finding|post-onboarding/i);
    const csm = await as(w.csmA.id);
    const staffFeed = await (await csm.get(`/rooms/${w.roomA.id}/activity`)).text();
    expect(staffFeed).toContain("completed the review");
    expect(staffFeed).toContain("The customer answered the survey");
  });
});

describe("the review report", () => {
  it("is scoped: the CSM sees their accounts, admins all, others are refused", async () => {
    const csmA = await as(w.csmA.id);
    const mine = await csmA.get("/reviews");
    expect(mine.status).toBe(200);
    const html = await mine.text();
    expect(html).toContain("findings-table");
    expect(html).toContain("surveys-table");
    const other = await (await as(w.csmB.id)).get("/reviews");
    expect(other.status).toBe(200);
    const otherHtml = await other.text();
    expect(otherHtml).not.toContain("findings-table");
    expect(otherHtml).toContain("No findings in this period");
    const admin = await (await as(w.admin.id)).get("/reviews");
    expect(await admin.text()).toContain("findings-table");
    expect((await (await as(w.salesA.id)).get("/reviews")).status).toBe(403);
    expect((await (await as(w.memberA.id)).get("/reviews")).status).toBe(403);
    // A period without findings shows the empty state.
    expect(await (await csmA.get("/reviews?from=2020-01-01&to=2020-12-31")).text()).toContain(
      "No findings in this period",
    );
  });

  it("counts by category and template, with NPS and n", async () => {
    const admin = await as(w.admin.id);
    const html = await (await admin.get("/reviews")).text();
    // One answer (9 → a promoter): NPS +100, satisfaction 4.
    expect(html).toMatch(/\+100/);
    expect(html).toContain(">4<");
    const total = tdb.db
      .select()
      .from(reviewFindings)
      .where(and(eq(reviewFindings.roomId, w.roomA.id)))
      .all().length;
    expect(html).toContain(`>${total}<`);
  });
});
