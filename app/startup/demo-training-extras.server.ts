/**
 * Demo training, issue 12 extras: a real video module (the 6-second WebM of ./demo-media, bundled into the
 * server build so the demo needs no file beside it), and a one-lesson "first steps" path that 田中 (the
 * サンプル商事 customer admin) has already read, so his certificate of completion is there to open (from
 * "my training" and from the staff's progress page; the every-page walk reaches it by those links).
 */
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "#db/client.server";
import { memberships, users } from "#db/schema";
import type { StaffUser } from "~/access/users";
import { blobStore, sha256Hex } from "~/domain/files/store.server";
import { parseRichText } from "~/domain/richtext/richtext";
import { getRoomAccess } from "~/domain/rooms/access.server";
import { addItem, addPathToRoom, listItems } from "~/domain/training/curriculum.server";
import { changePath, createModule, createPath } from "~/domain/training/library.server";
import { reportLesson } from "~/domain/training/progress.server";
import { DEMO_VIDEO_WEBM_BASE64 } from "./demo-media/sample-6s-webm";

type DemoPlan = { csm: { id: string } & Record<string, unknown>; roomId: string };

export function seedDemoTrainingExtras(tx: DbOrTx, plan: DemoPlan): void {
  const actor = plan.csm as unknown as StaffUser;
  const ctx = { ...getRoomAccess(plan.csm as never, plan.roomId)!, user: plan.csm as never };
  const base = { product: "Launchroom", persona: "管理者", language: "ja" as const };

  const bytes = Buffer.from(DEMO_VIDEO_WEBM_BASE64, "base64");
  const sha256 = sha256Hex(bytes);
  blobStore().put(sha256, bytes);
  const video = createModule(
    actor,
    { ...base, kind: "video", title: "操作デモ動画（6秒）", durationSeconds: 6, embedUrl: null },
    { sha256, byteSize: bytes.byteLength, contentType: "video/webm", originalName: "sample-6s.webm" },
  );
  addItem(ctx, { moduleId: video, dueOffsetDays: 12, assignee: { audience: "all_customers" } });

  const welcome = createModule(
    actor,
    {
      ...base,
      kind: "lesson",
      title: "はじめに: このポータルの使い方",
      doc: parseRichText({
        type: "doc",
        content: [
          "このポータルでは、導入の計画、資料、トレーニングを貴社と共有します。",
          "最後まで読むと、このレッスンは完了になります。",
        ].map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })),
      }),
    },
    null,
  );
  const path = createPath({ title: "はじめの一歩", persona: "管理者", language: "ja" });
  changePath(path, 1, { op: "add", moduleId: welcome, dueOffsetDays: 3 });
  addPathToRoom(ctx, { pathId: path, audience: "customer_admin" });

  // The room's customer admin has read it: the path is complete and its certificate exists.
  const admin = tx
    .select({ user: users })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.roomId, plan.roomId), eq(memberships.role, "customer_admin")))
    .get()?.user;
  if (!admin) return;
  const item = listItems(tx, plan.roomId).find((r) => r.item.moduleId === welcome)!.item.id;
  reportLesson({ ...getRoomAccess(admin, plan.roomId)!, user: admin }, item, { position: 1, end: true });
}
