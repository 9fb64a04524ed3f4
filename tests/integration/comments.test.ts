import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, makeAccountWithRoom, makeCustomer, makeStaff } from "#db/factories";
import { commentMentions, comments, events, phases, tasks, type Visibility } from "#db/schema";
import type { Db } from "#db/client.server";
import {
  addComment,
  CommentSchema,
  findMentions,
  listComments,
  resolveMentions,
} from "~/domain/comments/comments.server";
import type { RoomContext } from "~/domain/plan/plan.server";
import { getRoomAccess } from "~/domain/rooms/access.server";
import { DomainError } from "~/utils/errors";
import { Client, startTestApp, type TestApp } from "../helpers/app-server";
import { useTestDatabase } from "../helpers/db";
import {
  createTestDatabase,
  seedTwoTenants,
  signInAs,
  type TestDatabase,
  type TwoTenants,
} from "../helpers/fixtures";

function makeTask(db: Db, roomId: string, title: string, visibility: Visibility = "shared") {
  const phase =
    db.select().from(phases).where(eq(phases.roomId, roomId)).get() ??
    db.insert(phases).values({ roomId, title: "Phase", position: 0 }).returning().get();
  return db
    .insert(tasks)
    .values({ roomId, phaseId: phase.id, title, side: "joint", visibility, position: 0 })
    .returning()
    .get();
}

function domainError(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a DomainError");
}

const input = (body: string, over: Partial<{ internal: boolean; mention: string[] }> = {}) =>
  CommentSchema.parse({ body, ...over, internal: over.internal ? "on" : undefined });

describe("comments (domain)", () => {
  const t = useTestDatabase();

  function setup() {
    const db = t.db();
    const csm = makeStaff(db, { staffRole: "csm", name: "Carla Csm", email: "carla@vendor.example" });
    const { room } = makeAccountWithRoom(db, { csmId: csm.id });
    const customer = makeCustomer(db, { name: "Kana Sato", email: "kana@customer.example" });
    addMember(db, room.id, customer.id, "customer_member");
    const outsider = makeCustomer(db, { name: "Otto Outsider", email: "otto@customer.example" });
    const otherCsm = makeStaff(db, { staffRole: "csm" });
    const other = makeAccountWithRoom(db, { csmId: otherCsm.id });
    const ctx = (user: typeof csm): RoomContext => ({ ...getRoomAccess(user, room.id)!, user });
    return {
      db,
      room,
      csm,
      customer,
      outsider,
      staff: ctx(csm),
      member: ctx(customer),
      task: makeTask(db, room.id, "Shared task"),
      secret: makeTask(db, room.id, "Secret task", "internal"),
      foreignTask: makeTask(db, other.room.id, "Foreign task"),
    };
  }

  it("records mentions of room members only, by @Name, @email or the picker", () => {
    const { db, staff, customer, outsider, task } = setup();
    const id = addComment(
      staff,
      "task",
      task.id,
      input("@Kana Sato please check. cc @otto@customer.example @Nobody", { mention: [outsider.id] }),
    );
    const rows = db.select().from(commentMentions).where(eq(commentMentions.commentId, id)).all();
    expect(rows).toEqual([{ commentId: id, userId: customer.id, notifiedAt: null }]);
    const byEmail = addComment(staff, "task", task.id, input("ping @kana@customer.example"));
    expect(
      db.select().from(commentMentions).where(eq(commentMentions.commentId, byEmail)).all(),
    ).toHaveLength(1);
    // A pick from the @ list counts only while its "@Name" is still in the text.
    const deleted = addComment(staff, "task", task.id, input("see above", { mention: [customer.id] }));
    expect(db.select().from(commentMentions).where(eq(commentMentions.commentId, deleted)).all()).toEqual([]);
    const picked = addComment(
      staff,
      "task",
      task.id,
      input("@Kana Sato see above", { mention: [customer.id] }),
    );
    expect(db.select().from(commentMentions).where(eq(commentMentions.commentId, picked)).all()).toHaveLength(
      1,
    );
  });

  it("decides mentions on the server: members who may see the subject, only while @Name is in the text", () => {
    const members = [
      { userId: "a1", name: "Ann Lee", email: "ann1@x.example" },
      { userId: "a2", name: "Ann Lee", email: "ann2@x.example" },
      { userId: "b", name: "Bo Kim", email: "bo@x.example" },
      { userId: "j", name: "山田 太郎", email: "yamada@x.example" },
    ];
    const resolve = (body: string, picked: string[] = []) =>
      [...resolveMentions(body, picked, members)].sort();
    // Typed by hand (no JavaScript): every member of that name.
    expect(resolve("hi @Ann Lee")).toEqual(["a1", "a2"]);
    // Picked from the list: the pick settles which Ann Lee is meant.
    expect(resolve("hi @Ann Lee", ["a2"])).toEqual(["a2"]);
    // A pick whose @Name was deleted from the text mentions nobody.
    expect(resolve("hi there", ["b"])).toEqual([]);
    expect(resolve("hi @Bo", ["b"])).toEqual([]);
    // A pick of someone who is not a member (or may not see the subject) mentions nobody.
    expect(resolve("@Zed Outsider", ["zed"])).toEqual([]);
    expect(resolve("@山田 太郎さん、お願いします", ["j"])).toEqual(["j"]);
  });

  it("matches whole names only", () => {
    const members = [{ userId: "u1", name: "Ann", email: "ann@x.example" }];
    expect([...findMentions("hi @Anna", members)]).toEqual([]);
    expect([...findMentions("hi @ann, thanks", members)]).toEqual(["u1"]);
    expect([...findMentions("@山田さん", [{ userId: "u2", name: "山田", email: "y@x.example" }])]).toEqual([
      "u2",
    ]);
  });

  it("keeps internal comments from customers: not listed, not postable, mentions staff only", () => {
    const { db, staff, member, customer, csm, task } = setup();
    addComment(staff, "task", task.id, input("Shared note"));
    const internalId = addComment(
      staff,
      "task",
      task.id,
      input("Margin is thin @Kana Sato", { internal: true }),
    );
    expect(db.select().from(commentMentions).where(eq(commentMentions.commentId, internalId)).all()).toEqual(
      [],
    );
    expect(listComments(member, "task", task.id).map((c) => c.body)).toEqual(["Shared note"]);
    expect(listComments(staff, "task", task.id)).toHaveLength(2);
    expect(
      domainError(() => addComment(member, "task", task.id, input("x", { internal: true }))).status,
    ).toBe(403);
    const own = addComment(member, "task", task.id, input("Done on our side @Carla Csm"));
    expect(db.select().from(commentMentions).where(eq(commentMentions.commentId, own)).all()).toEqual([
      { commentId: own, userId: csm.id, notifiedAt: null },
    ]);
    expect(customer.id).not.toBe(csm.id);
    const visibilities = db
      .select()
      .from(events)
      .where(eq(events.type, "comment.added"))
      .all()
      .map((e) => (e.data as { visibility: string }).visibility);
    expect(visibilities).toEqual(["shared", "internal", "shared"]);
  });

  it("is 404 on internal subjects for customers and on subjects of other rooms", () => {
    const { db, staff, member, secret, foreignTask } = setup();
    expect(domainError(() => addComment(member, "task", secret.id, input("x"))).status).toBe(404);
    expect(domainError(() => addComment(staff, "task", foreignTask.id, input("x"))).status).toBe(404);
    expect(domainError(() => addComment(staff, "milestone", secret.id, input("x"))).status).toBe(404);
    addComment(staff, "task", secret.id, input("on a secret task"));
    const event = db.select().from(events).where(eq(events.type, "comment.added")).get()!;
    expect(event.data).toMatchObject({ visibility: "internal", internal: false });
  });

  it("validates the body: required, at most 5,000 characters", () => {
    expect(CommentSchema.safeParse({ body: "   " }).success).toBe(false);
    expect(CommentSchema.safeParse({ body: "x".repeat(5001) }).success).toBe(false);
    expect(CommentSchema.safeParse({ body: "x".repeat(5000) }).success).toBe(true);
  });
});

describe("task page over HTTP", () => {
  let tdb: TestDatabase;
  let app: TestApp;
  let w: TwoTenants;
  let shared: { id: string };
  let secret: { id: string };

  beforeAll(async () => {
    tdb = createTestDatabase();
    w = seedTwoTenants(tdb.db);
    shared = makeTask(tdb.db, w.roomA.id, "Connect the SSO");
    secret = makeTask(tdb.db, w.roomA.id, "Renewal pricing strategy", "internal");
    for (const [body, internal] of [
      ["Shared hello <b>bold</b>", false],
      ["Internal-only-margin-remark", true],
    ] as const)
      tdb.db
        .insert(comments)
        .values({
          roomId: w.roomA.id,
          subjectType: "task",
          subjectId: shared.id,
          authorId: w.csmA.id,
          body,
          internal,
        })
        .run();
    app = await startTestApp({ databasePath: tdb.path });
  });
  afterAll(async () => {
    await app?.close();
    tdb?.dispose();
  });

  const as = (userId: string) => {
    const client = new Client(app.url);
    signInAs(tdb.db, client, userId);
    return client;
  };

  it("never shows internal comments to a customer, and escapes the body", async () => {
    const res = await as(w.memberA.id).get(`/rooms/${w.roomA.id}/tasks/${shared.id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Connect the SSO");
    expect(html).toContain("Shared hello &lt;b&gt;bold&lt;/b&gt;");
    expect(html).not.toContain("Internal-only-margin-remark");
    const staffHtml = await (await as(w.csmA.id).get(`/rooms/${w.roomA.id}/tasks/${shared.id}`)).text();
    expect(staffHtml).toContain("Internal-only-margin-remark");
  });

  it("is 404 for customers on an internal task and for another tenant", async () => {
    expect((await as(w.memberA.id).get(`/rooms/${w.roomA.id}/tasks/${secret.id}`)).status).toBe(404);
    expect((await as(w.csmA.id).get(`/rooms/${w.roomA.id}/tasks/${secret.id}`)).status).toBe(200);
    expect((await as(w.customerB.id).get(`/rooms/${w.roomA.id}/tasks/${shared.id}`)).status).toBe(404);
    expect((await as(w.csmB.id).get(`/rooms/${w.roomB.id}/tasks/${shared.id}`)).status).toBe(404);
  });

  it("refuses an internal comment from a customer and records mentions of posted comments", async () => {
    const count = () => tdb.db.select().from(comments).all().length;
    const before = count();
    const refused = await as(w.memberA.id).post(`/rooms/${w.roomA.id}/tasks/${shared.id}`, {
      intent: "comment",
      body: "sneaky",
      internal: "on",
    });
    expect(refused.status).toBe(403);
    expect(count()).toBe(before);
    const ok = await as(w.memberA.id).post(`/rooms/${w.roomA.id}/tasks/${shared.id}`, {
      intent: "comment",
      body: "Done, @Carla Alpha-Csm and @pat@platypus.example",
    });
    expect(ok.status).toBe(200);
    const row = tdb.db
      .select()
      .from(comments)
      .where(eq(comments.body, "Done, @Carla Alpha-Csm and @pat@platypus.example"))
      .get()!;
    expect(
      tdb.db
        .select({ userId: commentMentions.userId })
        .from(commentMentions)
        .where(eq(commentMentions.commentId, row.id))
        .all(),
    ).toEqual([{ userId: w.csmA.id }]);
    const viewer = await as(w.viewerA.id).post(`/rooms/${w.roomA.id}/tasks/${shared.id}`, {
      intent: "comment",
      body: "hi",
    });
    expect(viewer.status).toBe(403);
  });

  it("keeps a picked mention only for a room member whose @Name is still in the posted text", async () => {
    const mentionsOf = (body: string) => {
      const row = tdb.db.select().from(comments).where(eq(comments.body, body)).get()!;
      return tdb.db
        .select({ userId: commentMentions.userId })
        .from(commentMentions)
        .where(eq(commentMentions.commentId, row.id))
        .all()
        .map((m) => m.userId);
    };
    const post = (body: string, mention: string[]) => {
      const form = new URLSearchParams({ intent: "comment", body });
      for (const id of mention) form.append("mention", id);
      const client = as(w.memberA.id);
      return client.request(`/rooms/${w.roomA.id}/tasks/${shared.id}`, {
        method: "POST",
        body: form,
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      });
    };
    // Picked Carla, then deleted her name: nobody is mentioned.
    expect((await post("Never mind, solved it", [w.csmA.id])).status).toBe(200);
    expect(mentionsOf("Never mind, solved it")).toEqual([]);
    // A customer of another account, forced into the form, is never mentioned even with the name typed.
    const body = `Thanks @${w.csmA.name} and @${w.customerB.name}`;
    expect((await post(body, [w.csmA.id, w.customerB.id])).status).toBe(200);
    expect(mentionsOf(body)).toEqual([w.csmA.id]);
  });
});
