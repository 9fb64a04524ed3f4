import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { events, phases, stakeholders, taskDependencies, tasks } from "#db/schema";
import { addMember, makeAccountWithRoom, makeCustomer, makeStaff } from "#db/factories";
import { getRoomAccess } from "~/domain/rooms/access.server";
import { decodeCsv, parseTaskCsv } from "~/domain/plan/csv-schema";
import { exportPlanCsv, importPlanCsv } from "~/domain/plan/csv.server";
import { createPlanFromTemplate, getPlan, type RoomContext } from "~/domain/plan/plan.server";
import { STANDARD_TEMPLATE_JA } from "~/domain/templates/standard-templates";
import { createTemplate } from "~/domain/templates/templates.server";
import { DomainError } from "~/utils/errors";
import { useTestDatabase } from "../helpers/db";

const t = useTestDatabase();
const utf8 = (s: string) => new TextEncoder().encode(s);

function setup() {
  const db = t.db();
  const csm = makeStaff(db, { staffRole: "csm" });
  const { room } = makeAccountWithRoom(db, { csmId: csm.id, kickoffDate: "2026-12-07" });
  const { room: other } = makeAccountWithRoom(db, { csmId: csm.id, kickoffDate: "2026-12-07" });
  const customer = makeCustomer(db);
  addMember(db, room.id, customer.id, "customer_member");
  const ctx = (user: typeof csm, roomId = room.id): RoomContext => ({
    ...getRoomAccess(user, roomId)!,
    user,
  });
  db.insert(stakeholders)
    .values([
      { roomId: room.id, name: "佐藤 花子", side: "customer", email: "hanako@example.jp" },
      { roomId: room.id, name: "Carla", side: "vendor" },
    ])
    .run();
  return { db, csm, room, other, staff: ctx(csm), member: ctx(customer), otherRoom: ctx(csm, other.id) };
}

const roomTasks = (roomId: string) => t.db().select().from(tasks).where(eq(tasks.roomId, roomId)).all();

const VALID = [
  "phase,title,side,assignee,start_date,due_date,status,visibility,depends_on",
  "環境準備,SSO設定,customer,佐藤 花子,2026-12-08,2026-12-20,todo,shared,",
  '環境準備,"データ移行（顧客マスタ, 取引履歴）",joint,hanako@example.jp,2026/12/10,2026/12/24,in_progress,shared,SSO設定',
  "社内準備,リスク確認,vendor,Carla,,2026-12-09,todo,internal,",
].join("\r\n");

describe("CSV import", () => {
  it("adds every row, creates unknown phases, resolves assignees and dependencies, and writes events", () => {
    const { staff, room } = setup();
    const result = importPlanCsv(staff, utf8(`\uFEFF${VALID}`));
    expect(result).toEqual({ ok: true, created: 3, phasesCreated: 2 });
    const created = roomTasks(room.id);
    const byTitle = Object.fromEntries(created.map((x) => [x.title, x]));
    expect(byTitle["データ移行（顧客マスタ, 取引履歴）"]).toMatchObject({
      side: "joint",
      startDate: "2026-12-10",
      dueDate: "2026-12-24",
      status: "in_progress",
    });
    expect(byTitle["リスク確認"]).toMatchObject({ visibility: "internal", startDate: null });
    const people = t.db().select().from(stakeholders).where(eq(stakeholders.roomId, room.id)).all();
    expect(byTitle["SSO設定"]!.assigneeId).toBe(people.find((p) => p.name === "佐藤 花子")!.id);
    expect(t.db().select().from(taskDependencies).all()).toEqual([
      { taskId: byTitle["データ移行（顧客マスタ, 取引履歴）"]!.id, dependsOnId: byTitle["SSO設定"]!.id },
    ]);
    expect(
      t
        .db()
        .select()
        .from(phases)
        .where(eq(phases.roomId, room.id))
        .all()
        .map((p) => p.title),
    ).toEqual(["環境準備", "社内準備"]);
    const types = t
      .db()
      .select()
      .from(events)
      .all()
      .map((e) => e.type);
    expect(types.filter((x) => x === "task.created")).toHaveLength(3);
    expect(types).toContain("plan.imported");
    const internalEvent = t
      .db()
      .select()
      .from(events)
      .all()
      .find((e) => e.subjectId === byTitle["リスク確認"]!.id)!;
    expect(internalEvent.data).toMatchObject({ visibility: "internal" });
  });

  it("writes nothing when any row is wrong, and reports each problem with row and column", () => {
    const { staff, room } = setup();
    const csv = [
      "phase,title,side,assignee,start_date,due_date,status,visibility,depends_on",
      "環境準備,良い行,customer,,2026-12-08,2026-12-20,todo,shared,",
      ",タイトルだけ,supplier,,2026-02-30,,,,",
      "環境準備,依存が不明,customer,山田,2026-12-20,2026-12-10,done,public,存在しないタスク",
    ].join("\n");
    const result = importPlanCsv(staff, utf8(csv));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const summary = result.errors.map((e) => `${e.row}:${e.column}:${e.key}`);
    expect(summary).toEqual(
      expect.arrayContaining([
        "3:phase:required",
        "3:side:invalidChoice",
        "3:start_date:invalidDate",
        "4:due_date:dueBeforeStart",
        "4:visibility:invalidChoice",
        "4:assignee:unknownAssignee",
        "4:depends_on:unknownDependency",
      ]),
    );
    expect(summary.some((s) => s.startsWith("2:"))).toBe(false);
    expect(result.errors.find((e) => e.column === "side")!.params).toMatchObject({
      value: "supplier",
      allowed: "vendor, customer, joint",
    });
    expect(roomTasks(room.id)).toEqual([]);
    expect(t.db().select().from(phases).all()).toEqual([]);
    expect(t.db().select().from(events).all()).toEqual([]);
  });

  it("refuses duplicate titles, dependency loops and done-before-dependency, all or nothing", () => {
    const { staff, room } = setup();
    const csv = [
      "phase,title,status,depends_on",
      "A,一,todo,二",
      "A,二,todo,一",
      "A,三,done,一",
      "A,一,todo,",
    ].join("\n");
    const result = importPlanCsv(staff, utf8(csv));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const keys = result.errors.map((e) => `${e.row}:${e.key}`);
    expect(keys).toEqual(expect.arrayContaining(["5:duplicateTitle", "4:dependencyOpen"]));
    expect(keys.some((k) => k.endsWith(":dependencyCycle"))).toBe(true);
    expect(roomTasks(room.id)).toEqual([]);
  });

  it("refuses titles that already exist in the room", () => {
    const { staff, room } = setup();
    expect(importPlanCsv(staff, utf8(VALID)).ok).toBe(true);
    const again = importPlanCsv(staff, utf8(VALID));
    expect(again.ok).toBe(false);
    expect(roomTasks(room.id)).toHaveLength(3);
  });

  it("reads Shift_JIS files as Excel saves them", () => {
    const { staff, room } = setup();
    // "phase,title,side,due_date\r\n導入準備,データ移行の確認,customer,2026/12/1\r\n" in Shift_JIS
    const sjis = Buffer.from(
      "70686173652c7469746c652c736964652c6475655f646174650d0a93b193fc8f8094f52c8366815b835e88da8d7382cc8a6d94462c637573746f6d65722c323032362f31322f310d0a",
      "hex",
    );
    expect(decodeCsv(sjis)).toContain("データ移行の確認");
    expect(importPlanCsv(staff, new Uint8Array(sjis))).toMatchObject({ ok: true, created: 1 });
    expect(roomTasks(room.id)[0]).toMatchObject({ title: "データ移行の確認", dueDate: "2026-12-01" });
  });

  it("reports unreadable files, empty files and missing columns", () => {
    const { staff } = setup();
    expect(importPlanCsv(staff, new Uint8Array([0x82, 0xff, 0xfe, 0x80]))).toEqual({
      ok: false,
      errors: [{ row: 0, key: "encoding" }],
    });
    expect(importPlanCsv(staff, new Uint8Array())).toMatchObject({ ok: false, errors: [{ key: "empty" }] });
    expect(parseTaskCsv("title,side\nx,vendor").errors).toEqual([
      { row: 1, column: "phase", key: "missingColumn" },
    ]);
    // Japanese headers are understood
    expect(parseTaskCsv("フェーズ,タイトル,期限\nA,B,2026-12-01").rows[0]).toMatchObject({
      phase: "A",
      dueDate: "2026-12-01",
    });
  });

  it("is for plan editors only", () => {
    const { member } = setup();
    expect(() => importPlanCsv(member, utf8(VALID))).toThrow(DomainError);
  });
});

describe("CSV export", () => {
  it("starts with a BOM, quotes commas and newlines, and shows customers no internal task", () => {
    const { staff, member, csm, room } = setup();
    createPlanFromTemplate(staff, createTemplate(t.db(), STANDARD_TEMPLATE_JA, csm.id));
    t.db().update(tasks).set({ title: '=HYPERLINK("x")' }).where(eq(tasks.title, "SSO設定")).run();
    const csv = exportPlanCsv(staff);
    expect(
      csv.startsWith("\uFEFFphase,title,side,assignee,start_date,due_date,status,visibility,depends_on\r\n"),
    ).toBe(true);
    expect(csv).toContain("営業からの引き継ぎ内容を確認");
    // Formulas are neutralised for spreadsheets.
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    const forCustomer = exportPlanCsv(member);
    expect(forCustomer).not.toContain("営業からの引き継ぎ内容を確認");
    expect(forCustomer).not.toContain("internal");
    expect(room.id).toBeTruthy();
  });

  it("round-trips: export from one room, import into an empty room, same plan", () => {
    const { staff, csm, otherRoom, room, other } = setup();
    createPlanFromTemplate(staff, createTemplate(t.db(), STANDARD_TEMPLATE_JA, csm.id));
    // Some variety: done tasks, a title with a comma and quotes, an assignee known in both rooms.
    t.db().update(tasks).set({ title: 'SSO設定（SAML, "OIDC"）' }).where(eq(tasks.title, "SSO設定")).run();
    for (const title of ["営業からの引き継ぎ内容を確認", "キックオフミーティング"])
      t.db().update(tasks).set({ status: "done" }).where(eq(tasks.title, title)).run();
    const carla = t.db().select().from(stakeholders).where(eq(stakeholders.name, "Carla")).get()!;
    expect(carla.roomId).toBe(room.id);
    t.db().update(tasks).set({ assigneeId: carla.id }).where(eq(tasks.title, "キックオフミーティング")).run();
    const carlaB = t
      .db()
      .insert(stakeholders)
      .values({ roomId: other.id, name: "Carla", side: "vendor" })
      .returning()
      .get();
    const csv = exportPlanCsv(staff);
    const result = importPlanCsv(otherRoom, utf8(csv));
    expect(result).toMatchObject({ ok: true, created: 14 });
    const shape = (ctx: RoomContext) => {
      const plan = getPlan(ctx);
      const phaseTitle = new Map(plan.phases.map((p) => [p.id, p.title]));
      const title = new Map(plan.tasks.map((x) => [x.id, x.title]));
      return {
        phases: plan.phases.map((p) => p.title),
        tasks: plan.tasks
          .map((x) => ({
            phase: phaseTitle.get(x.phaseId),
            title: x.title,
            side: x.side,
            assignee: plan.stakeholders.find((p) => p.id === x.assigneeId)?.name ?? null,
            start: x.startDate,
            due: x.dueDate,
            status: x.status,
            visibility: x.visibility,
            deps: plan.dependencies
              .filter((d) => d.taskId === x.id)
              .map((d) => title.get(d.dependsOnId))
              .sort(),
          }))
          .sort((a, b) => a.title.localeCompare(b.title)),
      };
    };
    expect(shape(otherRoom)).toEqual(shape(staff));
    expect(roomTasks(other.id).find((x) => x.title === "キックオフミーティング")).toMatchObject({
      status: "done",
      assigneeId: carlaB.id,
    });
    // And the second export is byte-identical to the first.
    expect(exportPlanCsv(otherRoom)).toBe(csv);
  });
});
