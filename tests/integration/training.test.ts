import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "#db/client.server";
import { events, rooms, trainingProgress, type users } from "#db/schema";
import type { StaffUser } from "~/access/users";
import { gatherHealthInputs } from "~/domain/health/inputs.server";
import { createPlanFromTemplate } from "~/domain/plan/plan.server";
import { getRoomAccess } from "~/domain/rooms/access.server";
import {
  addItem,
  addTemplateCurriculum,
  listItems,
  moveItem,
  removeItem,
  updateItem,
} from "~/domain/training/curriculum.server";
import { changePath, createModule, createPath } from "~/domain/training/library.server";
import {
  getPlayerItem,
  myTraining,
  progressMatrix,
  reportLesson,
  reportVideo,
  submitQuiz,
  trainingHealthInputs,
} from "~/domain/training/progress.server";
import { textToRichText } from "~/domain/richtext/richtext";
import { createTestDatabase, seedTwoTenants, type TestDatabase, type TwoTenants } from "../helpers/fixtures";

// The training domain on a real database: curriculum from the template, tailoring, visibility, and the
// completion rules decided on the server (lesson end, video coverage with seeks not counted, quiz grading
// with a retries limit), the health input.

let tdb: TestDatabase;
let w: TwoTenants;
const m: Record<string, string> = {};
const ctx = (user: typeof users.$inferSelect, roomId = w.roomA.id) => ({
  ...getRoomAccess(user, roomId)!,
  user,
});
const staff = () => w.csmA as StaffUser;

beforeAll(() => {
  tdb = createTestDatabase();
  useDatabase(tdb.db);
  w = seedTwoTenants(tdb.db);
  const base = { product: "core", persona: "admin", language: "en" as const };
  m.lesson = createModule(
    staff(),
    { ...base, kind: "lesson", title: "Getting started", doc: textToRichText("Hello") },
    null,
  );
  m.video = createModule(
    staff(),
    { ...base, kind: "video", title: "Tour", embedUrl: "https://vimeo.com/76979871", durationSeconds: 100 },
    null,
  );
  m.quiz = createModule(
    staff(),
    {
      ...base,
      kind: "quiz",
      title: "Check",
      quizText: "? A\n* right\n- wrong\n? B\n* yes\n- no",
      passScore: 100,
      maxAttempts: 2,
    },
    null,
  );
  m.link = createModule(
    staff(),
    { ...base, kind: "link", title: "Docs", url: "https://docs.example/" },
    null,
  );
  const adminPath = createPath({ title: "Admin path", persona: "admin", language: "en" });
  changePath(adminPath, 1, { op: "add", moduleId: m.lesson, dueOffsetDays: 7 });
  changePath(adminPath, 2, { op: "add", moduleId: m.video, dueOffsetDays: 14 });
  changePath(adminPath, 3, { op: "add", moduleId: m.quiz, dueOffsetDays: 21 });
  const userPath = createPath({ title: "User path", persona: "user", language: "en" });
  changePath(userPath, 1, { op: "add", moduleId: m.link, dueOffsetDays: 10 });
  addTemplateCurriculum(w.templateId, { pathId: adminPath, audience: "customer_admin" });
  addTemplateCurriculum(w.templateId, { pathId: userPath, audience: "customer_member" });
  tdb.db.update(rooms).set({ kickoffDate: "2026-01-05" }).where(eq(rooms.id, w.roomA.id)).run();
  createPlanFromTemplate(ctx(w.csmA), w.templateId);
});

afterAll(() => tdb.dispose());

describe("curriculum", () => {
  it("is copied from the template's default by audience when the plan is made", () => {
    const items = listItems(tdb.db, w.roomA.id);
    expect(items.map((i) => [i.title, i.item.audience, i.item.dueOffsetDays])).toEqual([
      ["Getting started", "customer_admin", 7],
      ["Tour", "customer_admin", 14],
      ["Check", "customer_admin", 21],
      ["Docs", "customer_member", 10],
    ]);
    // Admins get the admin path, members the user path.
    expect(myTraining(ctx(w.customerAdminA)).items.map((i) => i.title)).toEqual([
      "Getting started",
      "Tour",
      "Check",
    ]);
    expect(myTraining(ctx(w.memberA)).items.map((i) => i.title)).toEqual(["Docs"]);
    expect(myTraining(ctx(w.customerAdminA)).items[0]!.dueDate).toBe("2026-01-12");
  });

  it("is tailored by vendor staff only: add for a person, due offset, reorder, remove", () => {
    expect(() =>
      addItem(ctx(w.customerAdminA), {
        moduleId: m.link,
        dueOffsetDays: 3,
        assignee: { audience: "all_customers" },
      }),
    ).toThrow(expect.objectContaining({ status: 403 }));
    addItem(ctx(w.csmA), { moduleId: m.link, dueOffsetDays: 3, assignee: { userId: w.viewerA.id } });
    // Someone outside the room cannot be assigned.
    expect(() =>
      addItem(ctx(w.csmA), { moduleId: m.link, dueOffsetDays: 3, assignee: { userId: w.customerB.id } }),
    ).toThrow(expect.objectContaining({ status: 400 }));
    const added = listItems(tdb.db, w.roomA.id).at(-1)!.item;
    expect(myTraining(ctx(w.viewerA)).items.map((i) => i.title)).toEqual(["Docs"]);
    updateItem(ctx(w.csmA), added.id, { version: 1, dueOffsetDays: 30, assignee: { userId: w.viewerA.id } });
    expect(() =>
      updateItem(ctx(w.csmA), added.id, { version: 1, dueOffsetDays: 1, assignee: { userId: w.viewerA.id } }),
    ).toThrow(expect.objectContaining({ status: 409 }));
    expect(myTraining(ctx(w.viewerA)).items[0]!.dueDate).toBe("2026-02-04");
    moveItem(ctx(w.csmA), added.id, -1);
    expect(listItems(tdb.db, w.roomA.id).at(-2)!.item.id).toBe(added.id);
    removeItem(ctx(w.csmA), added.id, 2);
    expect(myTraining(ctx(w.viewerA)).items).toEqual([]);
    expect(
      tdb.db.select().from(events).where(eq(events.type, "training.curriculum_changed")).all().length,
    ).toBe(3);
  });

  it("customers see only their own room's items; another tenant's item is not found", () => {
    const item = listItems(tdb.db, w.roomA.id)[0]!.item;
    expect(() => getPlayerItem(ctx(w.memberA), item.id)).toThrow(expect.objectContaining({ status: 404 }));
    expect(getRoomAccess(w.customerB, w.roomA.id)).toBeNull();
    expect(() => getPlayerItem(ctx(w.customerB, w.roomB.id), item.id)).toThrow(
      expect.objectContaining({ status: 404 }),
    );
    // Quiz answers never reach the learner.
    const quizItem = listItems(tdb.db, w.roomA.id).find((i) => i.title === "Check")!.item;
    const player = getPlayerItem(ctx(w.customerAdminA), quizItem.id);
    expect(player.content?.kind).toBe("quiz");
    if (player.content?.kind === "quiz")
      expect(player.content.questions.every((q) => q.correct.length === 0)).toBe(true);
  });
});

describe("completion is decided on the server", () => {
  const itemOf = (title: string) => listItems(tdb.db, w.roomA.id).find((i) => i.title === title)!.item.id;
  const statusOf = (itemId: string) =>
    tdb.db.select().from(trainingProgress).where(eq(trainingProgress.itemId, itemId)).get()?.status;

  it("a lesson is done when its end was seen, not before", () => {
    const id = itemOf("Getting started");
    reportLesson(ctx(w.customerAdminA), id, { position: 0.5, end: false });
    expect(statusOf(id)).toBe("in_progress");
    expect(myTraining(ctx(w.customerAdminA)).next?.id).toBe(id);
    reportLesson(ctx(w.customerAdminA), id, { position: 1, end: true });
    expect(statusOf(id)).toBe("completed");
  });

  it("staff cannot report progress for a customer", () => {
    expect(() => reportLesson(ctx(w.csmA), itemOf("Getting started"), { position: 1, end: true })).toThrow(
      expect.objectContaining({ status: 403 }),
    );
  });

  it("video: seeking does not count, 89 % is not done, 90 % is, and coverage cannot outrun the clock", () => {
    const id = itemOf("Tour");
    const admin = ctx(w.customerAdminA);
    // A seek to the end reported as one segment adds nothing.
    reportVideo(admin, id, { segments: [[0, 100]], position: 100 });
    expect(statusOf(id)).toBe("in_progress");
    // Many small segments at once: more than the clock allows since opening → refused.
    const all = Array.from({ length: 10 }, (_, i) => [i * 10, i * 10 + 10]);
    reportVideo(admin, id, { segments: all, position: 100 });
    expect(
      tdb.db.select().from(trainingProgress).where(eq(trainingProgress.itemId, id)).get()!.watchedSeconds,
    ).toBe(0);
    // Pretend two minutes passed since the last report: 89 seconds of play, then one more second.
    const rewind = () =>
      tdb.db
        .update(trainingProgress)
        .set({ videoReportedAt: new Date(Date.now() - 120_000) })
        .where(eq(trainingProgress.itemId, id))
        .run();
    rewind();
    const r1 = reportVideo(admin, id, {
      segments: [
        [0, 20],
        [20, 40],
        [40, 60],
        [60, 80],
        [80, 89],
      ],
      position: 89,
    });
    expect(r1).toMatchObject({ watchedSeconds: 89, completed: false });
    rewind();
    expect(reportVideo(admin, id, { segments: [[89, 90]], position: 90 })).toMatchObject({ completed: true });
    expect(statusOf(id)).toBe("completed");
  });

  it("quiz: graded here, fail then retry, attempts limited", () => {
    const id = itemOf("Check");
    const admin = ctx(w.customerAdminA);
    expect(submitQuiz(admin, id, { q1: ["o1"], q2: ["o2"] })).toMatchObject({
      score: 50,
      passed: false,
      attemptsLeft: 1,
    });
    expect(statusOf(id)).toBe("in_progress");
    expect(submitQuiz(admin, id, { q1: ["o1"], q2: ["o1"] })).toMatchObject({ score: 100, passed: true });
    expect(statusOf(id)).toBe("completed");
    expect(() => submitQuiz(admin, id, { q1: ["o1"], q2: ["o1"] })).toThrow(
      expect.objectContaining({ messageKey: "training.quizAlreadyPassed" }),
    );
  });

  it("quiz: no attempts left after the limit", () => {
    // The member gets the quiz too, for this test.
    addItem(ctx(w.csmA), { moduleId: m.quiz, dueOffsetDays: 1, assignee: { userId: w.memberA.id } });
    const id = listItems(tdb.db, w.roomA.id).at(-1)!.item.id;
    const member = ctx(w.memberA);
    submitQuiz(member, id, { q1: ["o2"] });
    submitQuiz(member, id, { q1: ["o2"] });
    expect(() => submitQuiz(member, id, { q1: ["o1"], q2: ["o1"] })).toThrow(
      expect.objectContaining({ messageKey: "training.quizNoAttemptsLeft" }),
    );
  });

  it("the staff matrix shows each person's status per item", () => {
    const matrix = progressMatrix(ctx(w.csmA));
    const admin = matrix.rows.find((r) => r.userId === w.customerAdminA.id)!;
    expect(admin.cells.slice(0, 3).map((c) => c?.status)).toEqual(["completed", "completed", "completed"]);
    const member = matrix.rows.find((r) => r.userId === w.memberA.id)!;
    expect(member.cells[0]).toBeNull();
  });
});

describe("health", () => {
  it("completion counts assigned items already due; the oldest overdue drives the alert", () => {
    const room = tdb.db.select().from(rooms).where(eq(rooms.id, w.roomA.id)).get()!;
    // Before any item is due: nothing assigned yet (N/A).
    expect(trainingHealthInputs(tdb.db, room, "UTC", "2026-01-05")).toEqual({
      dueAssigned: 0,
      dueCompleted: 0,
      oldestOverdueDueDate: null,
    });
    // 2026-01-20: admin's lesson (01-12) and video (01-19) done; member's link (01-15) and quiz (01-06) not.
    expect(trainingHealthInputs(tdb.db, room, "UTC", "2026-01-20")).toEqual({
      dueAssigned: 4,
      dueCompleted: 2,
      oldestOverdueDueDate: "2026-01-06",
    });
    // The health job reads it.
    const inputs = gatherHealthInputs(
      { id: room.id, timeZone: "UTC", createdAt: room.createdAt.getTime() },
      new Date(),
    );
    expect(inputs.training).not.toBeNull();
    // A room without a curriculum: null (N/A).
    expect(trainingHealthInputs(tdb.db, w.roomB, "UTC", "2026-01-20")).toBeNull();
  });
});
