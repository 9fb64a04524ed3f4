import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "#db/client.server";
import {
  formFields,
  formResponses,
  formReturns,
  formSubmissions,
  forms,
  outbox,
  phases,
  tasks,
  users,
} from "#db/schema";
import type { StaffUser } from "~/access/users";
import { addField, createLibraryForm, getLibraryForm } from "~/domain/forms/forms.server";
import { Client, startTestApp, type TestApp } from "../helpers/app-server";
import {
  createTestDatabase,
  seedTwoTenants,
  signInAs,
  type TestDatabase,
  type TwoTenants,
} from "../helpers/fixtures";
import { HOSTILE_TEXTS } from "../fixtures/hostile-rich-text";

// Forms (ヒアリングシート) through the built app: attach, draft, submit, send back, resubmit, accept,
// versions, stale 409, completing the task, who may do what, CSV and the hostile text corpus.

let tdb: TestDatabase;
let app: TestApp;
let w: TwoTenants;
let libraryFormId: string;
const HOSTILE = HOSTILE_TEXTS.join(" ");

beforeAll(async () => {
  tdb = createTestDatabase();
  useDatabase(tdb.db);
  w = seedTwoTenants(tdb.db);
  tdb.db.update(users).set({ locale: "ja" }).where(eq(users.id, w.customerAdminA.id)).run();
  const actor = w.csmA as StaffUser;
  libraryFormId = createLibraryForm(actor, {
    title: `Hearing ${HOSTILE}`,
    description: HOSTILE,
    language: "en",
  });
  const scope = { kind: "library" as const, actor };
  const add = (f: { kind: string; label: string; required?: boolean; options?: string; help?: string }) =>
    addField(scope, libraryFormId, {
      kind: f.kind as never,
      label: f.label,
      help: f.help,
      required: f.required ?? false,
      options: f.options,
      version: getLibraryForm(libraryFormId).form.version,
    });
  add({ kind: "short_text", label: `Company ${HOSTILE_TEXTS[0]}`, required: true, help: HOSTILE });
  add({ kind: "number", label: "Employees", required: true });
  add({ kind: "date", label: "Go-live", required: true });
  add({ kind: "single_choice", label: "Plan", options: `Basic\n${HOSTILE_TEXTS[1]}` });
  add({ kind: "multiple_choice", label: "Tools", options: "Excel\nSlack\n=cmd|' /C calc'!A0" });
  add({ kind: "yes_no", label: "SSO", required: true });
  add({
    kind: "table",
    label: "Users",
    required: true,
    options: "Name | text | required\nEmail | email | required",
  });
  app = await startTestApp({ databasePath: tdb.path });
});

afterAll(async () => {
  await app?.close();
  tdb?.dispose();
});

async function as(userId: string) {
  const client = new Client(app.url);
  signInAs(tdb.db, client, userId);
  client.cookies.set("lang", "en");
  return client;
}

function makeTask(roomId: string, side: "customer" | "vendor" | "joint" = "customer") {
  const db = tdb.db;
  const phase =
    db.select().from(phases).where(eq(phases.roomId, roomId)).get() ??
    db.insert(phases).values({ roomId, title: "Phase", position: 0 }).returning().get();
  return db
    .insert(tasks)
    .values({ roomId, phaseId: phase.id, title: `Fill the sheet ${Math.random()}`, side, position: 9 })
    .returning()
    .get();
}

function roomFormFields(taskId: string) {
  const t = tdb.db.select().from(tasks).where(eq(tasks.id, taskId)).get()!;
  const form = tdb.db.select().from(forms).where(eq(forms.roomId, t.roomId)).all().at(-1)!;
  const fields = readFields(form.id);
  const by = (label: string) => fields.find((f) => f.label.startsWith(label))!.id;
  return { formId: form.id, by };
}
function readFields(formId: string) {
  return tdb.db
    .select({ id: formFields.id, label: formFields.label })
    .from(formFields)
    .where(eq(formFields.formId, formId))
    .orderBy(asc(formFields.position))
    .all();
}

function body(entries: [string, string][]) {
  const p = new URLSearchParams();
  for (const [k, v] of entries) p.append(k, v);
  return p;
}
async function post(client: Client, path: string, entries: [string, string][]) {
  return client.request(path, {
    method: "POST",
    body: body(entries),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
}

describe("the core path", () => {
  it("attach → draft → submit → send back → resubmit → accept, with versions and the task done", async () => {
    const task = makeTask(w.roomA.id);
    const path = `/rooms/${w.roomA.id}/tasks/${task.id}/form`;
    const csm = await as(w.csmA.id);
    // Before attaching, the customer finds nothing here; the CSM finds the attach form.
    const cust = await as(w.customerAdminA.id);
    expect((await cust.get(path)).status).toBe(404);
    expect((await csm.get(path)).status).toBe(200);
    const attach = await csm.post(path, { intent: "attach", formId: libraryFormId, completesTask: "on" });
    expect(attach.status).toBe(200);
    const { by } = roomFormFields(task.id);
    const f = (label: string) => `f_${by(label)}`;

    // The page shows hostile labels, help and options as text.
    const page = await cust.get(path);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toContain("<script>window.__pwned");
    expect(html).not.toContain("<img src=x onerror");
    expect(html).toContain("&lt;script&gt;window.__pwned=1&lt;/script&gt;");

    // A draft with a bad number and a bad email is refused per field; nothing saved.
    const bad = await post(cust, path, [
      ["intent", "draft"],
      ["version", "0"],
      [f("Company"), "Quokka"],
      [f("Employees"), "many"],
      [`${f("Users")}.0.c1`, "Ann"],
      [`${f("Users")}.0.c2`, "not-an-email"],
    ]);
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain("数値を入力してください");
    expect(badHtml).toContain("メールアドレスを入力してください");
    expect(badHtml).toContain('value="Quokka"'); // what was typed comes back
    expect(tdb.db.select().from(formResponses).all().length).toBe(0);

    // A draft with missing required fields is fine.
    const draft = await post(cust, path, [
      ["intent", "draft"],
      ["version", "0"],
      [f("Company"), HOSTILE_TEXTS[0]!],
      [f("Employees"), "１２０"],
    ]);
    expect(draft.status).toBe(200);
    let response = tdb.db.select().from(formResponses).all().at(-1)!;
    expect(response.status).toBe("draft");
    expect(response.answers[by("Employees")]).toBe("120");

    // Submitting with required fields missing: a message per field.
    const incomplete = await post(cust, path, [
      ["intent", "submit"],
      ["version", String(response.version)],
      [f("Company"), "Quokka"],
    ]);
    expect(incomplete.status).toBe(400);
    expect(await incomplete.text()).toContain("ご回答をお願いします。");

    // A choice not among the options is refused.
    const wrongChoice = await post(cust, path, [
      ["intent", "draft"],
      ["version", String(response.version)],
      [f("Plan"), "Platinum"],
    ]);
    expect(wrongChoice.status).toBe(400);

    // A stale version is 409 and changes nothing.
    const stale = await post(cust, path, [
      ["intent", "draft"],
      ["version", "99"],
      [f("Company"), "Overwritten"],
    ]);
    expect(stale.status).toBe(409);

    const full = (version: number, company: string): [string, string][] => [
      ["intent", "submit"],
      ["version", String(version)],
      [f("Company"), company],
      [f("Employees"), "120"],
      [f("Go-live"), "2027-04-01"],
      [f("Plan"), HOSTILE_TEXTS[1]!],
      [f("Tools"), "Excel"],
      [f("Tools"), "=cmd|' /C calc'!A0"],
      [f("SSO"), "yes"],
      [`${f("Users")}.0.c1`, "Ann"],
      [`${f("Users")}.0.c2`, "ann@quokka.example"],
      [`${f("Users")}.1.c1`, '=HYPERLINK("http://x")'],
      [`${f("Users")}.1.c2`, "bob@quokka.example"],
    ];
    const submitted = await post(cust, path, full(response.version, "Quokka Heavy"));
    expect(submitted.status).toBe(200);
    response = tdb.db.select().from(formResponses).where(eq(formResponses.id, response.id)).get()!;
    expect(response.status).toBe("submitted");
    // Submitting completed the task (through the plan's command).
    expect(tdb.db.select().from(tasks).where(eq(tasks.id, task.id)).get()!.status).toBe("done");
    // The CSM was told by email.
    const mails = tdb.db.select().from(outbox).where(eq(outbox.template, "form_submitted")).all();
    expect(mails.map((m) => m.toEmail)).toContain(w.csmA.email);

    // The customer cannot change a submitted form.
    expect((await post(cust, path, full(response.version, "Again"))).status).toBe(409);
    // Customers cannot send back or accept.
    expect(
      (
        await post(cust, path, [
          ["intent", "accept"],
          ["version", String(response.version)],
        ])
      ).status,
    ).toBe(403);

    // The CSM sends one field back with a hostile comment.
    const sendBack = await post(csm, path, [
      ["intent", "return"],
      ["version", String(response.version)],
      [`return_${by("Go-live")}`, `Please pick a date after March. ${HOSTILE}`],
    ]);
    expect(sendBack.status).toBe(200);
    response = tdb.db.select().from(formResponses).where(eq(formResponses.id, response.id)).get()!;
    expect(response.status).toBe("returned");
    const returned = tdb.db.select().from(outbox).where(eq(outbox.template, "form_returned")).all();
    expect(returned.map((m) => m.toEmail)).toContain(w.customerAdminA.email);
    expect(returned[0]!.locale).toBe("ja");

    // The customer sees exactly which field and why, escaped.
    const again = await (await cust.get(path)).text();
    expect(again).toContain("Please pick a date after March.");
    expect(again.match(/data-testid="returned-comment"/g)?.length).toBe(1);
    expect(again).not.toContain("<script>window.__pwned");

    // Resubmit: a second version, the return resolved.
    const resubmitted = await post(cust, path, full(response.version, "Quokka Heavy Industries"));
    expect(resubmitted.status).toBe(200);
    const versions = tdb.db
      .select()
      .from(formSubmissions)
      .where(eq(formSubmissions.responseId, response.id))
      .all();
    expect(versions.map((v) => v.number).sort()).toEqual([1, 2]);
    expect(versions.find((v) => v.number === 1)!.answers[by("Company")]).toBe("Quokka Heavy");
    const open = tdb.db
      .select()
      .from(formReturns)
      .where(and(eq(formReturns.responseId, response.id)))
      .all();
    expect(open.every((r) => r.resolvedBySubmission === 2)).toBe(true);

    // The CSM sees both versions and accepts.
    const review = await (await csm.get(path)).text();
    expect(review).toContain("Submission 1");
    expect(review).toContain("Submission 2");
    response = tdb.db.select().from(formResponses).where(eq(formResponses.id, response.id)).get()!;
    expect(
      (
        await post(csm, path, [
          ["intent", "accept"],
          ["version", String(response.version)],
        ])
      ).status,
    ).toBe(200);
    expect(tdb.db.select().from(formResponses).where(eq(formResponses.id, response.id)).get()!.status).toBe(
      "accepted",
    );

    // CSV: formula-safe, table flattened, hostile text as text.
    const { formId } = roomFormFields(task.id);
    const csv = await csm.get(`/rooms/${w.roomA.id}/forms/${formId}.csv`);
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain("Users 1: Email");
    expect(text).toContain("Users 2: Name");
    expect(text).toContain("ann@quokka.example");
    expect(text).toContain("'=HYPERLINK");
    expect(text).toContain("Excel, =cmd"); // a joined cell does not start with the formula
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
    // Customers do not download the CSV.
    expect((await cust.get(`/rooms/${w.roomA.id}/forms/${formId}.csv`)).status).toBe(403);
  });

  it("a viewer cannot fill, a customer of another room finds nothing", async () => {
    const task = makeTask(w.roomA.id);
    const path = `/rooms/${w.roomA.id}/tasks/${task.id}/form`;
    const csm = await as(w.csmA.id);
    expect((await csm.post(path, { intent: "attach", formId: libraryFormId })).status).toBe(200);
    const viewer = await as(w.viewerA.id);
    expect((await viewer.get(path)).status).toBe(200);
    expect(
      (
        await post(viewer, path, [
          ["intent", "draft"],
          ["version", "0"],
        ])
      ).status,
    ).toBe(403);
    const other = await as(w.customerB.id);
    expect((await other.get(path)).status).toBe(404);
    expect(
      (
        await post(other, path, [
          ["intent", "draft"],
          ["version", "0"],
        ])
      ).status,
    ).toBe(404);
    const csmB = await as(w.csmB.id);
    // Another CSM covers as collaborator; an idle sales person of another account finds nothing.
    expect((await csmB.get(path)).status).toBe(200);
    const salesB = await as(w.salesB.id);
    expect((await salesB.get(path)).status).toBe(404);
  });

  it("the library builder: staff only, fields with kinds, bad options refused", async () => {
    const admin = await as(w.admin.id);
    expect((await admin.get("/forms")).status).toBe(200);
    const created = await admin.post("/forms", { intent: "create", title: "Kickoff", language: "en" });
    expect(created.status).toBe(302);
    const to = created.headers.get("Location")!;
    const id = to.split("/").at(-1)!;
    expect(
      (
        await admin.post(to, {
          intent: "addField",
          kind: "single_choice",
          label: "Q",
          options: "only one",
          version: "1",
        })
      ).status,
    ).toBe(400);
    expect(
      (await admin.post(to, { intent: "addField", kind: "short_text", label: "Q1", version: "1" })).status,
    ).toBe(200);
    expect(
      (await admin.post(to, { intent: "addField", kind: "yes_no", label: "Q2", version: "1" })).status,
    ).toBe(409);
    expect(
      (await admin.post(to, { intent: "addField", kind: "yes_no", label: "Q2", version: "2" })).status,
    ).toBe(200);
    const fields = readFields(id);
    expect(fields.map((f) => f.label)).toEqual(["Q1", "Q2"]);
    expect(
      (await admin.post(to, { intent: "moveField", fieldId: fields[1]!.id, direction: "up", version: "3" }))
        .status,
    ).toBe(200);
    expect(readFields(id).map((f) => f.label)).toEqual(["Q2", "Q1"]);
    const customer = await as(w.customerAdminA.id);
    expect((await customer.get("/forms")).status).toBe(403);
    expect((await customer.get(to)).status).toBe(403);
    const sales = await as(w.salesA.id);
    expect((await sales.get(to)).status).toBe(403);
  });
});
