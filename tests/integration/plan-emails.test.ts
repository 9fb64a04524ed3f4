import { and, eq, isNull } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import {
  commentMentions,
  comments,
  milestones,
  notificationPreferences,
  outbox,
  reminderDigests,
  stakeholders,
  tasks,
} from "#db/schema";
import { addMember, makeAccountWithRoom, makeCustomer, makeStaff } from "#db/factories";
import { getRoomAccess } from "~/domain/rooms/access.server";
import { runMentionBatch, MENTION_QUIET_MS } from "~/domain/notifications/mentions.server";
import { runReminderDigests } from "~/domain/notifications/reminders.server";
import {
  completeMilestone,
  createPlanFromTemplate,
  setTaskStatus,
  type RoomContext,
} from "~/domain/plan/plan.server";
import { STANDARD_TEMPLATE_JA } from "~/domain/templates/standard-templates";
import { createTemplate } from "~/domain/templates/templates.server";
import { createRelay } from "~/mail/relay.server";
import { createMailTransport } from "~/mail/transport.server";
import { unseal } from "~/utils/seal.server";
import { useTestDatabase } from "../helpers/db";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink";

const t = useTestDatabase();
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

const sinks: SmtpSink[] = [];
afterEach(async () => {
  await Promise.all(sinks.splice(0).map((s) => s.close()));
});

/** Sends everything pending in the outbox to a fresh SMTP sink through the real relay. */
async function deliver() {
  const sink = await startSmtpSink();
  sinks.push(sink);
  const relay = createRelay({
    transport: createMailTransport(sink.url),
    from: "Launchroom <no-reply@launchroom.test>",
    intervalMs: 1000,
  });
  await relay.runOnce();
  return sink;
}

function setup() {
  const db = t.db();
  const csm = makeStaff(db, {
    staffRole: "csm",
    name: "Carla Csm",
    email: "carla@vendor.example",
    locale: "en",
  });
  const sales = makeStaff(db, {
    staffRole: "sales",
    name: "佐藤 営業",
    email: "sato@vendor.example",
    locale: "ja",
  });
  const { room, account } = makeAccountWithRoom(db, {
    csmId: csm.id,
    ownerId: sales.id,
    kickoffDate: "2026-12-07",
    roomTitle: "導入プロジェクト",
  });
  const customer = makeCustomer(db, { name: "Misaki Sato", email: "misaki@customer.example", locale: "en" });
  addMember(db, room.id, customer.id, "customer_member");
  const colleague = makeCustomer(db, { name: "高橋 次郎", email: "jiro@customer.example" });
  addMember(db, room.id, colleague.id, "customer_admin");
  // Sponsors: one linked to an English-speaking user, one with only an address (the Tokyo account → ja),
  // and one whose address is the CSM's (must not produce a second email).
  db.insert(stakeholders)
    .values([
      { roomId: room.id, name: "Misaki Sato", side: "customer", userId: customer.id, isSponsor: true },
      {
        roomId: room.id,
        name: "山田 社長",
        side: "customer",
        email: "yamada@customer.example",
        isSponsor: true,
      },
      {
        roomId: room.id,
        name: "Carla again",
        side: "vendor",
        email: "CARLA@vendor.example",
        isSponsor: true,
      },
      { roomId: room.id, name: "Not a sponsor", side: "customer", email: "nobody@customer.example" },
    ])
    .run();
  const templateId = createTemplate(db, STANDARD_TEMPLATE_JA, csm.id);
  const ctx = (user: typeof csm): RoomContext => ({ ...getRoomAccess(user, room.id)!, user });
  createPlanFromTemplate(ctx(csm), templateId);
  return { db, csm, sales, customer, colleague, room, account, staff: ctx(csm), member: ctx(customer) };
}

const task = (title: string) => t.db().select().from(tasks).where(eq(tasks.title, title)).get()!;
const milestone = (title: string) =>
  t.db().select().from(milestones).where(eq(milestones.title, title)).get()!;
const queued = (template: string) =>
  t
    .db()
    .select()
    .from(outbox)
    .where(eq(outbox.template, template))
    .all()
    .map((r) => ({ to: r.toEmail, locale: r.locale, props: unseal<Record<string, unknown>>(r.sealedProps) }))
    .sort((a, b) => a.to.localeCompare(b.to));

function completeKickoff(staff: RoomContext) {
  for (const title of ["営業からの引き継ぎ内容を確認", "キックオフミーティング"])
    setTaskStatus(staff, task(title).id, { status: "done", version: task(title).version });
}

describe("milestone emails", () => {
  it("queue one email per recipient, in their language, in the completing transaction", async () => {
    const { staff } = setup();
    completeKickoff(staff);
    expect(milestone("キックオフ完了").completedAt).not.toBeNull();
    const mails = queued("milestone_completed");
    expect(mails.map((m) => [m.to, m.locale])).toEqual([
      ["carla@vendor.example", "en"],
      ["misaki@customer.example", "en"],
      ["sato@vendor.example", "ja"],
      ["yamada@customer.example", "ja"],
    ]);
    const toYamada = mails.find((m) => m.to === "yamada@customer.example")!.props;
    expect(toYamada).toMatchObject({
      milestoneTitle: "キックオフ完了",
      recipientName: "山田 社長",
      next: { title: "環境準備完了", targetDate: "2027-01-21" },
    });
    // 1 of the 12 shared tasks is done (the handoff review is internal).
    expect(toYamada.progressPercent).toBe(8);

    const sink = await deliver();
    expect(sink.messages).toHaveLength(4);
    const ja = sink.messages.find((m) => m.to.includes("yamada@customer.example"))!;
    const en = sink.messages.find((m) => m.to.includes("misaki@customer.example"))!;
    expect(ja.subject).toBe("マイルストーン「キックオフ完了」を達成しました（導入プロジェクト）");
    expect(ja.text).toContain("次のマイルストーンは「環境準備完了」");
    // On time or late against the target, counted as every page counts it (milestoneSchedule).
    expect(toYamada.schedule).toMatchObject({ targetDate: milestone("キックオフ完了").targetDate });
    expect(ja.text).toMatch(/目標日（.+）(どおりの達成です|から \d+ 日遅れての達成です)/);
    expect(en.text).toMatch(/Its target was .+: reached (on time|\d+ days? late)/);
    expect(en.subject).toBe("Milestone reached: キックオフ完了 (導入プロジェクト)");
    expect(en.text).toContain("8% of the shared tasks are done");
    expect(en.text).not.toMatch(/マイルストーンを|達成しました/);
    expect(JAPANESE.test(ja.text)).toBe(true);
  });

  it("skip someone who switched milestone emails off for the room", () => {
    const { db, staff, sales, room } = setup();
    db.insert(notificationPreferences)
      .values({ userId: sales.id, roomId: room.id, milestoneEmails: false })
      .run();
    completeKickoff(staff);
    expect(queued("milestone_completed").map((m) => m.to)).toEqual([
      "carla@vendor.example",
      "misaki@customer.example",
      "yamada@customer.example",
    ]);
  });

  it("tell only vendor staff about an internal milestone", () => {
    const { db, staff } = setup();
    db.update(milestones).set({ visibility: "internal" }).where(eq(milestones.title, "環境準備完了")).run();
    const m = milestone("環境準備完了");
    completeMilestone(staff, m.id, m.version);
    expect(queued("milestone_completed").map((x) => x.to)).toEqual([
      "carla@vendor.example",
      "sato@vendor.example",
    ]);
  });

  it("queue nothing when the completion fails", () => {
    const { staff } = setup();
    const m = milestone("環境準備完了");
    expect(() => completeMilestone(staff, m.id, m.version + 5)).toThrow();
    expect(queued("milestone_completed")).toHaveLength(0);
  });
});

describe("mention emails", () => {
  function comment(
    ctx: ReturnType<typeof setup>,
    at: Date,
    body: string,
    opts: { internal?: boolean; mention: string[] },
  ) {
    const row = ctx.db
      .insert(comments)
      .values({
        roomId: ctx.room.id,
        subjectType: "task",
        subjectId: task("SSO設定").id,
        authorId: ctx.csm.id,
        body,
        internal: opts.internal ?? false,
        createdAt: at,
      })
      .returning()
      .get();
    for (const userId of opts.mention)
      ctx.db.insert(commentMentions).values({ commentId: row.id, userId }).run();
    return row;
  }

  it("batch a burst of comments into one email per person once it has gone quiet", async () => {
    const ctx = setup();
    const start = new Date("2026-12-20T01:00:00Z");
    const at = (s: number) => new Date(start.getTime() + s * 1000);
    comment(ctx, at(0), "Could you send the IdP metadata?", { mention: [ctx.customer.id] });
    comment(
      ctx,
      at(30),
      JSON.stringify({
        type: "doc",
        content: [{ type: "paragraph", content: [{ type: "text", text: "Second note about SSO" }] }],
      }),
      {
        mention: [ctx.customer.id],
      },
    );
    comment(ctx, at(60), "Third: staff only detail", { mention: [ctx.customer.id], internal: true });
    comment(ctx, at(90), "Fourth and last", { mention: [ctx.customer.id] });

    expect(runMentionBatch(at(90 + 60))).toBe(0);
    expect(queued("mentions")).toHaveLength(0);
    expect(runMentionBatch(new Date(at(90).getTime() + MENTION_QUIET_MS))).toBe(1);
    expect(runMentionBatch(new Date(at(90).getTime() + 10 * MENTION_QUIET_MS))).toBe(0);

    const [mail] = queued("mentions");
    expect(mail!.to).toBe("misaki@customer.example");
    const items = (mail!.props.mentions as { excerpt: string; subjectTitle: string }[]).map((m) => m.excerpt);
    expect(items).toEqual(["Could you send the IdP metadata?", "Second note about SSO", "Fourth and last"]);
    const pending = ctx.db.select().from(commentMentions).where(isNull(commentMentions.notifiedAt)).all();
    expect(pending).toHaveLength(0);

    const sink = await deliver();
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0]!.subject).toBe("You were mentioned in 3 comments in 導入プロジェクト");
    expect(sink.messages[0]!.text).toContain("Fourth and last");
    expect(sink.messages[0]!.text).not.toContain("staff only");
  });

  it("respect the mention preference and write to Japanese readers in Japanese", async () => {
    const ctx = setup();
    ctx.db
      .insert(notificationPreferences)
      .values({ userId: ctx.customer.id, roomId: ctx.room.id, mentionEmails: false })
      .run();
    const at = new Date("2026-12-20T01:00:00Z");
    comment(ctx, at, "@both please review", { mention: [ctx.customer.id, ctx.colleague.id] });
    expect(runMentionBatch(new Date(at.getTime() + MENTION_QUIET_MS))).toBe(1);
    expect(queued("mentions").map((m) => [m.to, m.locale])).toEqual([["jiro@customer.example", "ja"]]);
    expect(
      ctx.db.select().from(commentMentions).where(isNull(commentMentions.notifiedAt)).all(),
    ).toHaveLength(0);
    const sink = await deliver();
    expect(sink.messages[0]!.subject).toBe("「導入プロジェクト」のコメントで 1 件メンションされています");
  });
});

describe("reminder digests", () => {
  // 09:00 in Tokyo on 27 December.
  const morning = new Date("2026-12-27T00:00:00Z");

  function assign(ctx: ReturnType<typeof setup>) {
    const me = ctx.db
      .select()
      .from(stakeholders)
      .where(and(eq(stakeholders.roomId, ctx.room.id), eq(stakeholders.userId, ctx.customer.id)))
      .get()!;
    ctx.db.update(tasks).set({ assigneeId: null }).run();
    const set = (title: string, dueDate: string, extra: Partial<typeof tasks.$inferInsert> = {}) =>
      ctx.db
        .update(tasks)
        .set({ assigneeId: me.id, dueDate, ...extra })
        .where(eq(tasks.title, title))
        .run();
    set("SSO設定", "2026-12-28");
    set("既存データの移行", "2026-12-20");
    set("既存システムとの連携設定", "2027-01-10");
    set("管理者トレーニング", "2026-12-27", { status: "done" });
    set("オンボーディング振り返り", "2026-12-28"); // internal: never in a customer's digest
  }

  it("send one digest a day with due-soon and overdue tasks, and again the next day", async () => {
    const ctx = setup();
    assign(ctx);
    expect(runReminderDigests(morning)).toBe(1);
    expect(runReminderDigests(new Date(morning.getTime() + 3 * 3600_000))).toBe(0);
    const [mail] = queued("task_reminders");
    expect(mail!.to).toBe("misaki@customer.example");
    expect(mail!.locale).toBe("en");
    const titles = (key: string) => (mail!.props[key] as { title: string }[]).map((x) => x.title);
    expect(titles("dueSoon")).toEqual(["SSO設定"]);
    expect(titles("overdue")).toEqual(["既存データの移行"]);
    expect(ctx.db.select().from(reminderDigests).all()).toEqual([
      expect.objectContaining({ userId: ctx.customer.id, day: "2026-12-27" }),
    ]);

    const sink = await deliver();
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0]!.subject).toBe("Task reminder: 1 due soon, 1 overdue");
    expect(sink.messages[0]!.text).not.toContain("オンボーディング振り返り");

    expect(runReminderDigests(new Date(morning.getTime() + 24 * 3600_000))).toBe(1);
    expect(queued("task_reminders")).toHaveLength(2);
  });

  it("send nothing to someone who switched reminders off, nor before the morning", () => {
    const ctx = setup();
    assign(ctx);
    expect(runReminderDigests(new Date("2026-12-26T20:00:00Z"))).toBe(0); // 05:00 in Tokyo
    ctx.db
      .insert(notificationPreferences)
      .values({ userId: ctx.customer.id, roomId: ctx.room.id, reminderEmails: false })
      .run();
    expect(runReminderDigests(morning)).toBe(0);
    expect(ctx.db.select().from(reminderDigests).all()).toHaveLength(0);
  });
});
