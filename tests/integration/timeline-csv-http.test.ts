import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "#db/client.server";
import { milestones, phases, rooms, stakeholders, tasks } from "#db/schema";
import { getRoomAccess } from "~/domain/rooms/access.server";
import { createPlanFromTemplate } from "~/domain/plan/plan.server";
import { STANDARD_TEMPLATE_JA } from "~/domain/templates/standard-templates";
import { createTemplate } from "~/domain/templates/templates.server";
import { Client, startTestApp, type TestApp } from "../helpers/app-server";
import {
  createTestDatabase,
  seedTwoTenants,
  signInAs,
  type TestDatabase,
  type TwoTenants,
} from "../helpers/fixtures";

// The timeline page, the CSV export and the CSV import through the built app.

let tdb: TestDatabase;
let app: TestApp;
let w: TwoTenants;

async function as(userId: string, lang = "ja"): Promise<Client> {
  const client = new Client(app.url);
  signInAs(tdb.db, client, userId);
  client.cookies.set("lang", lang);
  return client;
}

const get = (client: Client, path: string, lang = "ja") =>
  client.request(path, { headers: { "Accept-Language": lang } });

beforeAll(async () => {
  tdb = createTestDatabase();
  useDatabase(tdb.db);
  w = seedTwoTenants(tdb.db);
  tdb.db.update(rooms).set({ kickoffDate: "2020-01-06" }).where(eq(rooms.id, w.roomA.id)).run();
  const room = { ...w.roomA, kickoffDate: "2020-01-06" };
  const access = getRoomAccess(w.csmA, w.roomA.id)!;
  createPlanFromTemplate(
    { ...access, room, user: w.csmA },
    createTemplate(tdb.db, STANDARD_TEMPLATE_JA, w.csmA.id),
  );
  tdb.db.update(tasks).set({ status: "done" }).where(eq(tasks.title, "営業からの引き継ぎ内容を確認")).run();
  tdb.db.update(tasks).set({ status: "done" }).where(eq(tasks.title, "キックオフミーティング")).run();
  app = await startTestApp({ databasePath: tdb.path });
});

afterAll(async () => {
  await app?.close();
  tdb?.dispose();
});

describe("titles with markup", () => {
  it("are escaped in the plan list and the timeline, which are built as strings", async () => {
    const evil = `<img src=x onerror="alert(1)"> & "Q"`;
    const task = tdb.db
      .select()
      .from(tasks)
      .where(eq(tasks.roomId, w.roomA.id))
      .all()
      .find((t) => t.visibility === "shared")!;
    tdb.db.update(tasks).set({ title: evil }).where(eq(tasks.id, task.id)).run();
    try {
      for (const path of ["plan", "timeline"]) {
        const html = await (await get(await as(w.memberA.id), `/rooms/${w.roomA.id}/${path}`)).text();
        expect(html).not.toContain("<img src=x");
        expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &quot;Q&quot;");
      }
    } finally {
      tdb.db.update(tasks).set({ title: task.title }).where(eq(tasks.id, task.id)).run();
    }
  });

  it("in every field the plan, timeline and overview render: blocked reason, names, phases, milestones", async () => {
    // One hostile value per field, told apart by its last word.
    const hostile = (field: string) => `<img src=x onerror=alert(1)> "q" & 'a' <b>${field}`;
    const escaped = (field: string) =>
      `&lt;img src=x onerror=alert(1)&gt; &quot;q&quot; &amp; &#x27;a&#x27; &lt;b&gt;${field}`;
    const roomTasks = tdb.db.select().from(tasks).where(eq(tasks.roomId, w.roomA.id)).all();
    // A shared customer task that another task waits on ("waiting on: <title>" in the dependent's row).
    const task = roomTasks.find((t) => t.title === "ユーザーアカウントと権限の設定")!;
    const phase = tdb.db.select().from(phases).where(eq(phases.id, task.phaseId)).get()!;
    const milestone = tdb.db
      .select()
      .from(milestones)
      .where(eq(milestones.roomId, w.roomA.id))
      .all()
      .find((m) => m.visibility === "shared")!;
    const person = tdb.db
      .insert(stakeholders)
      .values({
        roomId: w.roomA.id,
        name: hostile("assignee"),
        side: "customer",
        teamRole: "it_admin",
        userId: w.memberA.id,
      })
      .returning()
      .get();
    tdb.db
      .update(tasks)
      .set({
        title: hostile("task"),
        status: "blocked",
        blockedReason: hostile("reason"),
        assigneeId: person.id,
      })
      .where(eq(tasks.id, task.id))
      .run();
    tdb.db
      .update(phases)
      .set({ title: hostile("phase") })
      .where(eq(phases.id, phase.id))
      .run();
    tdb.db
      .update(milestones)
      .set({ title: hostile("milestone") })
      .where(eq(milestones.id, milestone.id))
      .run();
    try {
      for (const [lang, client] of [
        ["ja", await as(w.memberA.id)],
        ["en", await as(w.csmA.id, "en")],
      ] as const) {
        const shown: Record<string, string[]> = {
          plan: ["task", "reason", "assignee", "phase", "milestone"],
          timeline: ["task", "phase", "milestone"],
          // The overview lists the member's own next tasks (the task is assigned to her).
          "": lang === "ja" ? ["task"] : [],
        };
        for (const [path, fields] of Object.entries(shown)) {
          const res = await get(client, `/rooms/${w.roomA.id}${path ? `/${path}` : ""}`, lang);
          expect(res.status).toBe(200);
          const html = await res.text();
          // No markup from the data anywhere in the page: not in the rows, the chart, the attributes or
          // the loader data.
          expect(html, `${path} (${lang})`).not.toMatch(
            /<img src=x|<b>(task|reason|assignee|phase|milestone)/,
          );
          for (const field of fields) expect(html, `${field} on ${path} (${lang})`).toContain(escaped(field));
        }
      }
    } finally {
      tdb.db
        .update(tasks)
        .set({
          title: task.title,
          status: task.status,
          blockedReason: task.blockedReason,
          assigneeId: task.assigneeId,
        })
        .where(eq(tasks.id, task.id))
        .run();
      tdb.db.update(phases).set({ title: phase.title }).where(eq(phases.id, phase.id)).run();
      tdb.db.update(milestones).set({ title: milestone.title }).where(eq(milestones.id, milestone.id)).run();
      tdb.db.delete(stakeholders).where(eq(stakeholders.id, person.id)).run();
    }
  });
});

describe("timeline", () => {
  it("renders the Gantt chart as accessible inline SVG, with overdue and done marked", async () => {
    const res = await get(await as(w.memberA.id), `/rooms/${w.roomA.id}/timeline`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="[^"]+ [^"]+"/);
    expect(html).toContain("<title");
    expect(html).toContain("<desc");
    expect(html).toContain("ガントチャート");
    expect(html).toContain('data-testid="timeline-today"');
    // The plan is from 2020: everything not done is overdue, marked by text, not only colour.
    expect((html.match(/data-overdue="true"/g) ?? []).length).toBe(11);
    expect(html).toContain("! <!-- -->期限超過");
    expect(html).toContain("✓");
    expect((html.match(/data-testid="timeline-arrow"/g) ?? []).length).toBeGreaterThan(5);
    // The screen-reader table sits in a clipping box (a table ignores overflow and would widen the page).
    expect(html).toContain('<div class="sr-only"><table>');
    // The print layout is a stylesheet in the head (a <style> in the body is invalid HTML).
    const head = html.slice(0, html.indexOf("</head>"));
    const print = /<link rel="stylesheet" href="([^"]+)" media="print"\/>/.exec(head);
    expect(print).not.toBeNull();
    expect(await (await fetch(new URL(print![1]!, app.url))).text()).toContain("@media print");
    // A customer never sees internal tasks, in the chart or in the table.
    expect(html).not.toContain("営業からの引き継ぎ内容を確認");
    expect(html).not.toContain("オンボーディング振り返り");
  });

  it("shows staff the internal tasks, labelled", async () => {
    const html = await (await get(await as(w.csmA.id), `/rooms/${w.roomA.id}/timeline`)).text();
    expect(html).toContain("営業からの引き継ぎ内容を確認");
    expect(html).toContain(" [社内]");
  });

  it("has an empty state and refuses other rooms' users", async () => {
    const empty = await (await get(await as(w.csmA.id), `/rooms/${w.roomA2.id}/timeline`)).text();
    expect(empty).toContain('data-testid="timeline-empty"');
    expect((await get(await as(w.customerB.id), `/rooms/${w.roomA.id}/timeline`)).status).toBe(404);
  });
});

describe("CSV over HTTP", () => {
  it("exports with a BOM as text/csv, without internal tasks for customers", async () => {
    const res = await get(await as(w.memberA.id), `/rooms/${w.roomA.id}/plan.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /attachment; filename="plan-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain("SSO設定");
    expect(text).not.toContain("営業からの引き継ぎ内容を確認");
    expect((await get(await as(w.customerB.id), `/rooms/${w.roomA.id}/plan.csv`)).status).toBe(404);
  });

  const upload = async (client: Client, csv: string, roomId = w.roomA2.id) => {
    const form = new FormData();
    form.set("file", new Blob([csv], { type: "text/csv" }), "plan.csv");
    return client.request(`/rooms/${roomId}/plan/import`, {
      method: "POST",
      body: form,
      headers: { "Accept-Language": "ja" },
    });
  };

  it("imports a valid file and lists translated row errors for a bad one, writing nothing", async () => {
    const csm = await as(w.csmA.id);
    expect((await get(csm, `/rooms/${w.roomA2.id}/plan/import`)).status).toBe(200);
    const bad = await upload(csm, "phase,title,due_date\nA,タスク1,2026-13-01\n,タスク2,\n");
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("取り込みは行われていません");
    expect(html).toContain("2行目：<!-- -->due_date列：<!-- -->「2026-13-01」は正しい日付ではありません");
    expect(html).toContain("3行目：<!-- -->phase列：<!-- -->値を入力してください");
    expect(tdb.db.select().from(tasks).where(eq(tasks.roomId, w.roomA2.id)).all()).toEqual([]);

    const ok = await upload(csm, "phase,title,due_date\nA,タスク1,2026-12-01\nA,タスク2,\n");
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("2件のタスクを取り込みました");
    expect(tdb.db.select().from(tasks).where(eq(tasks.roomId, w.roomA2.id)).all()).toHaveLength(2);
  });

  it("is refused to customers (403) and outsiders (404)", async () => {
    const csv = "phase,title\nA,Z\n";
    expect((await upload(await as(w.customerAdminA.id), csv, w.roomA.id)).status).toBe(403);
    expect((await upload(await as(w.customerB.id), csv, w.roomA.id)).status).toBe(404);
    expect((await get(await as(w.memberA.id), `/rooms/${w.roomA.id}/plan/import`)).status).toBe(403);
    expect(tdb.db.select().from(tasks).where(eq(tasks.title, "Z")).all()).toEqual([]);
  });
});
