import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useDatabase } from "#db/client.server";
import {
  events,
  formAttachments,
  formFields,
  formResponses,
  forms,
  phases,
  planTemplates,
  rooms,
  tasks,
  templateTasks,
  users,
} from "#db/schema";
import type { StaffUser } from "~/access/users";
import { describeEvent } from "~/domain/activity/sentences";
import { addField, createLibraryForm, getLibraryForm } from "~/domain/forms/forms.server";
import { tFor } from "~/i18n/i18n.server";
import { parseRfc4180 } from "../helpers/rfc4180";
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

// Forms extras (issue 12) through the built app: library forms on template tasks (the editor's routes, and
// the copy a room's new plan gets), the file field over HTTP (upload, refusals, who may download), the
// hostile text corpus in pages, the CSV (formula injection) and the emails through the relay to a real SMTP
// sink, and the activity sentences with what customers see of them.

let tdb: TestDatabase;
let app: TestApp;
let sink: SmtpSink;
let w: TwoTenants;
let libraryFormId: string;
const HOSTILE = HOSTILE_TEXTS.join(" ");
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

beforeAll(async () => {
  tdb = createTestDatabase();
  useDatabase(tdb.db);
  w = seedTwoTenants(tdb.db);
  tdb.db.update(users).set({ locale: "ja" }).where(eq(users.id, w.customerAdminA.id)).run();
  const actor = w.csmA as StaffUser;
  libraryFormId = createLibraryForm(actor, {
    title: `Sheet ${HOSTILE}`,
    description: HOSTILE,
    language: "en",
  });
  const add = (f: { kind: string; label: string; required?: boolean; options?: string; help?: string }) =>
    addField({ kind: "library", actor }, libraryFormId, {
      kind: f.kind as never,
      label: f.label,
      help: f.help,
      required: f.required ?? false,
      options: f.options,
      version: getLibraryForm(libraryFormId).form.version,
    });
  add({ kind: "short_text", label: `Company ${HOSTILE_TEXTS[1]}`, required: true, help: HOSTILE });
  add({ kind: "single_choice", label: `Plan ${HOSTILE_TEXTS[2]}`, options: `Basic\n${HOSTILE_TEXTS[0]}` });
  add({ kind: "long_text", label: "Notes" });
  add({ kind: "file", label: `Flow chart ${HOSTILE_TEXTS[3]}`, help: HOSTILE });
  sink = await startSmtpSink();
  app = await startTestApp({ databasePath: tdb.path, smtpUrl: sink.url, relay: true });
});

afterAll(async () => {
  await app?.close();
  await sink?.close();
  tdb?.dispose();
});

beforeEach(() => sink.clear());

async function as(userId: string, lang = "en") {
  const client = new Client(app.url);
  signInAs(tdb.db, client, userId);
  client.cookies.set("lang", lang);
  return client;
}

function makeTask(roomId: string) {
  const db = tdb.db;
  const phase =
    db.select().from(phases).where(eq(phases.roomId, roomId)).get() ??
    db.insert(phases).values({ roomId, title: "Phase", position: 0 }).returning().get();
  return db
    .insert(tasks)
    .values({
      roomId,
      phaseId: phase.id,
      title: `Sheet task ${Math.random()}`,
      side: "customer",
      position: 9,
    })
    .returning()
    .get();
}

/** Attaches the library form to a new task of room A through the route; its field ids by label start. */
async function attachedTask() {
  const task = makeTask(w.roomA.id);
  const path = `/rooms/${w.roomA.id}/tasks/${task.id}/form`;
  const csm = await as(w.csmA.id);
  expect(
    (await csm.post(path, { intent: "attach", formId: libraryFormId, completesTask: "on" })).status,
  ).toBe(200);
  const attachment = tdb.db.select().from(formAttachments).where(eq(formAttachments.taskId, task.id)).get()!;
  const fieldRows = tdb.db.select().from(formFields).where(eq(formFields.formId, attachment.formId)).all();
  const f = (label: string) => `f_${fieldRows.find((x) => x.label.startsWith(label))!.id}`;
  return { task, path, csm, f, formId: attachment.formId };
}

async function send(
  c: Client,
  path: string,
  entries: [string, string][],
  file?: [Uint8Array, string, string, string],
) {
  const form = new FormData();
  for (const [k, v] of entries) form.append(k, v);
  if (file) form.set(file[3], new File([new Uint8Array(file[0])], file[1], { type: file[2] }));
  return c.request(path, { method: "POST", body: form });
}

const responseOf = (taskId: string) =>
  tdb.db
    .select({ r: formResponses })
    .from(formResponses)
    .innerJoin(formAttachments, eq(formAttachments.id, formResponses.attachmentId))
    .where(eq(formAttachments.taskId, taskId))
    .get()?.r;

/** No live markup: no script-capable tags, no event handler attributes, no javascript: links. */
function assertInert(markup: string) {
  for (const tag of markup.match(/<[a-z][^>]*>/gi) ?? []) {
    expect(tag).not.toMatch(/^<(script|img|svg|iframe|object|embed|style)\b/i);
    const attributes = tag.replace(/"[^"]*"/g, '""');
    expect(attributes).not.toMatch(/\son[a-z]+=/i);
    expect(tag).not.toMatch(/(href|src)="\s*(javascript|data|vbscript):/i);
  }
}

/** The page's <main>, where the hostile texts are shown (the head holds the app's own scripts). */
const mainOf = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? "";

describe("library forms on template tasks", () => {
  const editPath = () => `/templates/${w.templateId}/edit`;
  const templateVersion = () =>
    tdb.db.select().from(planTemplates).where(eq(planTemplates.id, w.templateId)).get()!.version;
  const templateTask = (title: string) =>
    tdb.db
      .select()
      .from(templateTasks)
      .where(and(eq(templateTasks.templateId, w.templateId), eq(templateTasks.title, title)))
      .get()!;

  it("staff attach a form in the editor, see it, and a room's new plan gets its own copy on that task", async () => {
    const admin = await as(w.admin.id);
    const target = templateTask("Agree goals and KPIs");
    const page = await (await admin.get(editPath())).text();
    expect(page).toContain("Forms on tasks (hearing sheets)");
    expect(page).toContain("No task carries a form yet.");

    // A task of another template, a room's form, an empty pick, a stale version: refused, nothing attached.
    const other = tdb.db
      .select()
      .from(templateTasks)
      .all()
      .find((t) => t.templateId !== w.templateId);
    const roomForm = (await attachedTask()).formId;
    const refusals: [Record<string, string>, number, string][] = [
      [{ taskId: other?.id ?? "nope", formId: libraryFormId }, 400, "Choose a task of this template."],
      [{ taskId: target.id, formId: roomForm }, 400, "Choose a form from the library."],
      [{ taskId: "", formId: libraryFormId }, 400, "Choose a task of this template."],
    ];
    for (const [fields, status, message] of refusals) {
      const res = await admin.post(editPath(), {
        intent: "attachForm",
        version: String(templateVersion()),
        completesTask: "on",
        ...fields,
      });
      expect(res.status, JSON.stringify(fields)).toBe(status);
      expect(await res.text()).toContain(message);
    }
    const stale = await admin.post(editPath(), {
      intent: "attachForm",
      version: String(templateVersion() + 5),
      taskId: target.id,
      formId: libraryFormId,
    });
    expect(stale.status).toBe(409);
    expect(
      tdb.db.select().from(formAttachments).where(eq(formAttachments.templateTaskId, target.id)).all(),
    ).toEqual([]);

    const before = templateVersion();
    const ok = await admin.post(editPath(), {
      intent: "attachForm",
      version: String(before),
      taskId: target.id,
      formId: libraryFormId,
      completesTask: "on",
    });
    expect(ok.status).toBe(200);
    expect(templateVersion()).toBe(before + 1);
    const edited = mainOf(await (await admin.get(editPath())).text());
    expect(edited).toContain('data-testid="template-task-forms"');
    expect(edited).toContain("Agree goals and KPIs");
    expect(edited).toContain("Form: Sheet &lt;script&gt;");
    assertInert(edited);
    const detail = mainOf(await (await admin.get(`/templates/${w.templateId}`)).text());
    expect(detail).toContain('data-testid="template-task-form"');
    assertInert(detail);
    // Customers and sales never reach the editor.
    expect((await (await as(w.customerAdminA.id)).get(editPath())).status).toBe(403);

    // A room's plan made from the template: the task made from it carries a copy of the form.
    tdb.db.update(rooms).set({ kickoffDate: "2027-01-11" }).where(eq(rooms.id, w.roomA2.id)).run();
    const csm = await as(w.csmA.id);
    const made = await csm.post(`/rooms/${w.roomA2.id}/plan`, {
      intent: "fromTemplate",
      templateId: w.templateId,
    });
    expect(made.status).toBe(200);
    const roomTask = tdb.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.roomId, w.roomA2.id), eq(tasks.title, "Agree goals and KPIs")))
      .get()!;
    const attachment = tdb.db
      .select()
      .from(formAttachments)
      .where(eq(formAttachments.taskId, roomTask.id))
      .get()!;
    expect(attachment.completesTask).toBe(true);
    const copy = tdb.db.select().from(forms).where(eq(forms.id, attachment.formId)).get()!;
    expect(copy).toMatchObject({ roomId: w.roomA2.id, sourceFormId: libraryFormId });
    expect(tdb.db.select().from(formFields).where(eq(formFields.formId, copy.id)).all()).toHaveLength(4);
    const formPage = await csm.get(`/rooms/${w.roomA2.id}/tasks/${roomTask.id}/form`);
    expect(formPage.status).toBe(200);
    expect(await formPage.text()).toContain("Flow chart");
    // Only that task got one.
    const roomForms = tdb.db.select().from(forms).where(eq(forms.roomId, w.roomA2.id)).all();
    expect(roomForms).toHaveLength(1);

    // A duplicate of the template keeps the task's form.
    const dup = await admin.post(`/templates/${w.templateId}`, { name: "Variant with a sheet" });
    expect(dup.status).toBe(302);
    const dupId = dup.headers.get("Location")!.split("/").at(-1)!;
    const dupTask = tdb.db
      .select()
      .from(templateTasks)
      .where(and(eq(templateTasks.templateId, dupId), eq(templateTasks.title, "Agree goals and KPIs")))
      .get()!;
    expect(
      tdb.db.select().from(formAttachments).where(eq(formAttachments.templateTaskId, dupTask.id)).get(),
    ).toMatchObject({ formId: libraryFormId, completesTask: true });
    expect(
      tdb.db
        .select()
        .from(formAttachments)
        .innerJoin(templateTasks, eq(templateTasks.id, formAttachments.templateTaskId))
        .where(eq(templateTasks.templateId, dupId))
        .all(),
    ).toHaveLength(1);

    // The library form's page says so before anyone removes it.
    const library = mainOf(await (await admin.get(`/forms/${libraryFormId}`)).text());
    expect(library).toContain(
      "2 template tasks use this form; removing it takes the form off those tasks too.",
    );

    // Detached in the editor: the room keeps its copy; a second detach finds nothing.
    const detach = await admin.post(editPath(), {
      intent: "detachForm",
      version: String(templateVersion()),
      taskId: target.id,
    });
    expect(detach.status).toBe(200);
    expect(await detach.text()).toContain("Form removed from the task.");
    expect(
      tdb.db.select().from(formAttachments).where(eq(formAttachments.templateTaskId, target.id)).all(),
    ).toEqual([]);
    expect(tdb.db.select().from(forms).where(eq(forms.id, copy.id)).get()).toBeDefined();
    expect(
      (
        await admin.post(editPath(), {
          intent: "detachForm",
          version: String(templateVersion()),
          taskId: target.id,
        })
      ).status,
    ).toBe(404);
  });
});

describe("the file field over HTTP", () => {
  it("takes an upload, refuses hostile files with a message and keeps the typed answers, serves it to the room only", async () => {
    const { task, path, f } = await attachedTask();
    const cust = await as(w.memberA.id);

    // Hostile files: HTML, SVG and a script named like a PDF are refused by content; nothing is stored.
    const hostile: [string, string, string][] = [
      ["<!doctype html><script>window.__pwned=1</script>", "flow.html", "text/html"],
      ['<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=1"/>', "flow.svg", "image/svg+xml"],
      ["<script>window.__pwned=1</script>", "flow.pdf", "application/pdf"],
      ["MZ\u0090\u0000not really a program", "flow.exe", "application/octet-stream"],
    ];
    for (const [content, name, type] of hostile) {
      const res = await send(
        cust,
        path,
        [
          ["intent", "draft"],
          ["version", "0"],
          [f("Company"), "Quokka Heavy"],
          [f("Notes"), "Kept while the file is refused"],
        ],
        [Buffer.from(content), name, type, f("Flow chart")],
      );
      expect(res.status, name).toBe(400);
      const html = await res.text();
      expect(html, name).toContain("This type of file cannot be uploaded");
      expect(html, name).toContain('value="Quokka Heavy"');
      expect(html, name).toContain("Kept while the file is refused");
      expect(responseOf(task.id), name).toBeUndefined();
    }

    // A PNG is taken with the draft; the page links it.
    const ok = await send(
      cust,
      path,
      [
        ["intent", "draft"],
        ["version", "0"],
        [f("Company"), "Quokka Heavy"],
      ],
      [PNG, "flow chart.png", "image/png", f("Flow chart")],
    );
    expect(ok.status).toBe(200);
    const answer = Object.values(responseOf(task.id)!.answers).find(
      (a) => typeof a === "object" && a !== null && "fileId" in a,
    ) as { fileId: string; name: string };
    expect(answer.name).toBe("flow chart.png");
    const page = await (await cust.get(path)).text();
    expect(page).toContain(`/files/${answer.fileId}`);

    // Saved again without a new file, the kept one stays.
    const version = responseOf(task.id)!.version;
    const again = await send(cust, path, [
      ["intent", "draft"],
      ["version", String(version)],
      [f("Company"), "Quokka Heavy Industries"],
      [`${f("Flow chart")}.keep`, answer.fileId],
    ]);
    expect(again.status).toBe(200);
    expect(JSON.stringify(responseOf(task.id)!.answers)).toContain(answer.fileId);

    // Room members and staff download it; another tenant's customer, its CSM's idle colleague and a
    // signed-out visitor do not.
    const fileUrl = `/files/${answer.fileId}`;
    for (const id of [w.customerAdminA.id, w.memberA.id, w.viewerA.id, w.csmA.id, w.admin.id]) {
      const res = await (await as(id)).get(fileUrl);
      expect(res.status, id).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
    expect((await (await as(w.customerB.id)).get(fileUrl)).status).toBe(404);
    expect((await (await as(w.salesB.id)).get(fileUrl)).status).toBe(404);
    expect([302, 303, 401, 404]).toContain((await new Client(app.url).get(fileUrl)).status);
  });
});

describe("hostile text in pages, the CSV and the emails", () => {
  it("labels, help, options, answers and comments stay text everywhere; formulas are neutralised", async () => {
    const { task, path, csm, f, formId } = await attachedTask();
    const cust = await as(w.customerAdminA.id, "ja");
    // The customer sees the labels, help and options as text.
    const fill = mainOf(await (await cust.get(path)).text());
    expect(fill).toContain("&lt;script&gt;window.__pwned=1&lt;/script&gt;");
    assertInert(fill);

    // Answers that are hostile markup or spreadsheet formulas.
    const formulas = ["=1+2", "+SUM(A1:A9)", "-2+3", "@cmd", '=HYPERLINK("http://evil.example","x")'];
    const submitted = await send(cust, path, [
      ["intent", "submit"],
      ["version", "0"],
      [f("Company"), formulas[0]!],
      [f("Plan"), HOSTILE_TEXTS[0]!],
      [f("Notes"), `${formulas.slice(1).join("\n")}\n${HOSTILE}`],
    ]);
    expect(submitted.status).toBe(200);
    const mailToCsm = await sink.waitFor((m) => m.to.includes(w.csmA.email) && m.text.includes(path));
    assertInert(mailToCsm.html);
    expect(mailToCsm.html).toContain("&lt;script&gt;");

    // The CSM's review page shows the answers as text.
    const review = mainOf(await (await csm.get(path)).text());
    expect(review).toContain("&lt;script&gt;window.__pwned=1&lt;/script&gt;");
    assertInert(review);

    // Sent back with a hostile comment: the customer's email (ja, to the submitter) has no live markup.
    const fieldId = f("Company").slice(2);
    const back = await csm.post(path, {
      intent: "return",
      version: String(responseOf(task.id)!.version),
      [`return_${fieldId}`]: `Please check. ${HOSTILE}`,
    });
    expect(back.status).toBe(200);
    const mailToCustomer = await sink.waitFor(
      (m) => m.to.includes(w.customerAdminA.email) && m.text.includes("Please check."),
    );
    expect(mailToCustomer.subject).toContain("【ご確認のお願い】");
    assertInert(mailToCustomer.html);
    expect(mailToCustomer.html).toContain("&lt;script&gt;");
    expect(mailToCustomer.text).toContain("<script>window.__pwned=1</script>"); // the text part is text
    const returnedPage = mainOf(await (await cust.get(path)).text());
    expect(returnedPage).toContain("Please check.");
    assertInert(returnedPage);

    // The CSV: every cell that a spreadsheet would run starts with a quote; strict RFC 4180.
    const csv = await csm.get(`/rooms/${w.roomA.id}/forms/${formId}.csv`);
    expect(csv.status).toBe(200);
    const records = parseRfc4180((await csv.text()).replace(/^\uFEFF/, ""));
    const cells = records.flat();
    for (const cell of cells) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(cells).toContain(`'${formulas[0]}`);
    expect(cells.some((c) => c.startsWith("'-2+3") || c.includes("\n-2+3"))).toBe(true);
    expect(cells).toContain(HOSTILE_TEXTS[0]);
  });
});

describe("activity sentences for form events", () => {
  const view = (type: string, data: Record<string, unknown>) => ({ type, actorName: "Carla", data });

  it("says what happened, in Japanese and English", () => {
    const ja = tFor("ja");
    const en = tFor("en");
    const data = { title: "導入ヒアリングシート", task: "ゴールとKPIの合意" };
    expect(describeEvent(view("form.submitted", { ...data, number: 1 }), ja, "ja")).toBe(
      "Carlaさんがタスク「ゴールとKPIの合意」のフォーム「導入ヒアリングシート」を提出しました",
    );
    expect(describeEvent(view("form.submitted", { ...data, number: 2 }), ja, "ja")).toContain(
      "再提出しました（2回目）",
    );
    expect(describeEvent(view("form.returned", { ...data, fields: 2 }), ja, "ja")).toBe(
      "Carlaさんがフォーム「導入ヒアリングシート」の2項目を差し戻しました（タスク「ゴールとKPIの合意」）",
    );
    expect(describeEvent(view("form.accepted", data), ja, "ja")).toContain("回答を受理しました");
    expect(describeEvent(view("form.attached", data), ja, "ja")).toContain("添付しました");
    expect(describeEvent(view("form.detached", data), ja, "ja")).toContain("外しました");
    const s = { title: "Hearing", task: "Goals" };
    expect(describeEvent(view("form.returned", { ...s, fields: 1 }), en, "en")).toBe(
      "Carla sent 1 field of the form “Hearing” back for changes (task “Goals”)",
    );
    expect(describeEvent(view("form.submitted", { ...s, number: 3 }), en, "en")).toBe(
      "Carla resubmitted the form “Hearing” for the task “Goals” (submission 3)",
    );
    expect(describeEvent(view("form.accepted", s), en, "en")).toBe(
      "Carla accepted the answers to the form “Hearing” (task “Goals”)",
    );
  });

  it("customers see the form events of shared tasks in the room's feed, escaped; not those of internal tasks", async () => {
    const { task, path, f } = await attachedTask();
    const cust = await as(w.customerAdminA.id);
    expect(
      (
        await send(cust, path, [
          ["intent", "submit"],
          ["version", "0"],
          [f("Company"), "Quokka"],
        ])
      ).status,
    ).toBe(200);
    const kinds = tdb.db
      .select({ type: events.type })
      .from(events)
      .where(and(eq(events.subjectId, task.id)))
      .all()
      .map((e) => e.type);
    expect(kinds).toEqual(expect.arrayContaining(["form.attached", "form.submitted"]));
    // Read by another customer of the room, in English.
    const member = await as(w.memberA.id);
    const feed = mainOf(await (await member.get(`/rooms/${w.roomA.id}/activity`)).text());
    expect(feed).toContain("Quentin Admin submitted the form “Sheet &lt;script&gt;");
    expect(feed).toContain("attached the form “Sheet");
    assertInert(feed);

    // An internal task's form events stay with the vendor.
    const hidden = makeTask(w.roomA.id);
    tdb.db
      .update(tasks)
      .set({ visibility: "internal", title: "Secret vendor checklist" })
      .where(eq(tasks.id, hidden.id))
      .run();
    const csm = await as(w.csmA.id);
    expect(
      (
        await csm.post(`/rooms/${w.roomA.id}/tasks/${hidden.id}/form`, {
          intent: "attach",
          formId: libraryFormId,
        })
      ).status,
    ).toBe(200);
    expect(await (await csm.get(`/rooms/${w.roomA.id}/activity`)).text()).toContain(
      "Secret vendor checklist",
    );
    expect(await (await cust.get(`/rooms/${w.roomA.id}/activity`)).text()).not.toContain(
      "Secret vendor checklist",
    );
  });
});

describe("a form of one room", () => {
  it("the CSM makes one from the task's form page, builds it, the customer fills it; answered, it is frozen", async () => {
    const task = makeTask(w.roomA.id);
    const path = `/rooms/${w.roomA.id}/tasks/${task.id}/form`;
    const csm = await as(w.csmA.id);
    expect(await (await csm.get(path)).text()).toContain("Make a form for this room only");
    const empty = await csm.post(path, { intent: "createRoomForm", title: " ", language: "en" });
    expect(empty.status).toBe(400);
    const made = await csm.post(path, {
      intent: "createRoomForm",
      title: `Room sheet ${HOSTILE_TEXTS[0]}`,
      language: "en",
      completesTask: "on",
    });
    expect(made.status).toBe(302);
    const builder = made.headers.get("Location")!;
    expect(builder).toMatch(new RegExp(`^/rooms/${w.roomA.id}/forms/[^/]+/edit$`));
    const formId = builder.split("/").at(-2)!;
    expect(tdb.db.select().from(forms).where(eq(forms.id, formId)).get()).toMatchObject({
      roomId: w.roomA.id,
      sourceFormId: null,
    });
    // Only one form per task.
    expect((await csm.post(path, { intent: "createRoomForm", title: "Again", language: "en" })).status).toBe(
      409,
    );

    const page = await csm.get(builder);
    expect(page.status).toBe(200);
    const html = mainOf(await page.text());
    expect(html).toContain("A form of this room only");
    assertInert(html);
    expect(
      (
        await csm.post(builder, {
          intent: "addField",
          kind: "short_text",
          label: "Room question",
          version: "1",
        })
      ).status,
    ).toBe(200);
    // Customers of the room cannot build; another tenant's customer and CSM find nothing.
    expect((await (await as(w.customerAdminA.id)).get(builder)).status).toBe(403);
    expect((await (await as(w.customerB.id)).get(builder)).status).toBe(404);
    // A library form's id is not a room form.
    expect((await csm.get(`/rooms/${w.roomA.id}/forms/${libraryFormId}/edit`)).status).toBe(404);

    // The customer sees the new question and saves a draft; from then on the form is frozen.
    const cust = await as(w.memberA.id);
    const fill = await (await cust.get(path)).text();
    expect(fill).toContain("Room question");
    const fieldId = tdb.db.select().from(formFields).where(eq(formFields.formId, formId)).get()!.id;
    expect(
      (
        await send(cust, path, [
          ["intent", "draft"],
          ["version", "0"],
          [`f_${fieldId}`, "An answer"],
        ])
      ).status,
    ).toBe(200);
    const version = tdb.db.select().from(forms).where(eq(forms.id, formId)).get()!.version;
    const frozen = await csm.post(builder, {
      intent: "addField",
      kind: "short_text",
      label: "Too late",
      version: String(version),
    });
    expect(frozen.status).toBe(409);
    const frozenPage = mainOf(await (await csm.get(builder)).text());
    expect(frozenPage).toContain("The customer has started answering");
    // Only the preview is left: no control that could only be refused.
    expect(frozenPage).toContain("Room question");
    for (const control of ['name="intent" value="addField"', 'value="updateForm"', 'value="removeField"'])
      expect(frozenPage).not.toContain(control);
    expect(html).toContain('value="addField"');
  });
});
