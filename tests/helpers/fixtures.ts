import { and, desc, eq } from "drizzle-orm";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrateDatabase, openDatabase, type Db } from "#db/client.server";
import { addMember, makeAccountWithRoom, makeCustomer, makeStaff } from "#db/factories";
import { invitations, memberships, outbox, rooms, sessions, type RoomRole } from "#db/schema";
import { createSession } from "~/auth/session.server";
import { generateToken, hashToken } from "~/utils/tokens.server";
import { enqueueEmail } from "~/mail/outbox.server";
import { unseal } from "~/utils/seal.server";
import { STANDARD_TEMPLATE_EN } from "~/domain/templates/standard-templates";
import { createTemplate } from "~/domain/templates/templates.server";
import type { Client } from "./app-server";

/** The cookie the app uses over plain http (the test server): see sessionCookieName(). */
export const SESSION_COOKIE = "launchroom_session";

export type TestDatabase = { db: Db; path: string; dispose(): void };

/**
 * A migrated SQLite file of its own, opened from the test process. Seed it before startTestApp: the built
 * app opens a second connection to the same file.
 */
export function createTestDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), "launchroom-it-"));
  const path = join(dir, "app.db");
  const db = openDatabase(path);
  migrateDatabase(db);
  return {
    db,
    path,
    dispose: () => {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs the client in as the user without a password or link: a session row as sign-in would create. */
export function signInAs(db: Db, client: Client, userId: string): string {
  const token = createSession(db, userId);
  client.cookies.set(SESSION_COOKIE, token);
  return token;
}

export function sessionCount(db: Db, userId: string): number {
  return db.select().from(sessions).where(eq(sessions.userId, userId)).all().length;
}

/** The single-use URL inside the newest outbox email of the template to the address (props are sealed). */
export function latestEmailUrl(db: Db, to: string, template: "magic_link" | "invitation"): URL {
  const row = db
    .select()
    .from(outbox)
    .where(and(eq(outbox.toEmail, to), eq(outbox.template, template)))
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(1)
    .get();
  if (!row) throw new Error(`no ${template} email to ${to} in the outbox`);
  return new URL(unseal<{ url: string }>(row.sealedProps).url);
}

export function outboxCount(db: Db, to: string, template?: string): number {
  return db
    .select()
    .from(outbox)
    .where(template ? and(eq(outbox.toEmail, to), eq(outbox.template, template)) : eq(outbox.toEmail, to))
    .all().length;
}

/** A pending invitation written straight to the database; returns its id and the raw token. */
export function makeInvitation(
  db: Db,
  input: { roomId: string; invitedById: string; email: string; role?: RoomRole },
): { id: string; token: string } {
  const token = generateToken();
  const now = new Date();
  const row = db
    .insert(invitations)
    .values({
      roomId: input.roomId,
      email: input.email,
      role: input.role ?? "customer_member",
      tokenHash: hashToken(token),
      invitedById: input.invitedById,
      locale: "en",
      createdAt: now,
      expiresAt: new Date(now.getTime() + 7 * 24 * 3600 * 1000),
    })
    .returning({ id: invitations.id })
    .get();
  return { id: row.id, token };
}

/**
 * Two tenants on one vendor. Account A (room A, a second room A2) is run by csmA and sold by salesA, with
 * a customer admin, member and viewer; account B (room B) has its own CSM, salesperson and customer.
 * Plus an admin and a CSM without accounts. Names, titles and emails of A are distinctive, so a test can
 * search any response for them.
 */
export function seedTwoTenants(db: Db) {
  const admin = makeStaff(db, { staffRole: "admin", name: "Ada Admin", email: "admin@vendor.example" });
  const csmA = makeStaff(db, {
    staffRole: "csm",
    name: "Carla Alpha-Csm",
    email: "carla.csm@vendor.example",
  });
  const salesA = makeStaff(db, { staffRole: "sales", name: "Sam Seller", email: "sam.sales@vendor.example" });
  const csmB = makeStaff(db, { staffRole: "csm", name: "Bob Bravo-Csm", email: "bob.csm@vendor.example" });
  const salesB = makeStaff(db, { staffRole: "sales", name: "Bea Seller", email: "bea.sales@vendor.example" });
  const csmIdle = makeStaff(db, { staffRole: "csm", name: "Ida Idle", email: "ida.idle@vendor.example" });

  const a = makeAccountWithRoom(db, {
    name: "Quokka Heavy Industries",
    allowedDomains: ["quokka.example"],
    csmId: csmA.id,
    ownerId: salesA.id,
    roomTitle: "Zanzibar Rollout Programme",
  });
  const b = makeAccountWithRoom(db, {
    name: "Platypus Freight",
    allowedDomains: ["platypus.example"],
    csmId: csmB.id,
    ownerId: salesB.id,
    roomTitle: "Bravo Launch Plan",
  });
  const roomA2 = db
    .insert(rooms)
    .values({ accountId: a.account.id, title: "Zanzibar Phase Two" })
    .returning()
    .get();
  db.insert(memberships).values({ roomId: roomA2.id, userId: csmA.id, role: "owner" }).run();

  const customerAdminA = makeCustomer(db, { name: "Quentin Admin", email: "quentin.admin@quokka.example" });
  const memberA = makeCustomer(db, { name: "Quinn Member", email: "quinn.member@quokka.example" });
  const viewerA = makeCustomer(db, { name: "Quill Viewer", email: "quill.viewer@quokka.example" });
  addMember(db, a.room.id, customerAdminA.id, "customer_admin");
  addMember(db, a.room.id, memberA.id, "customer_member");
  addMember(db, a.room.id, viewerA.id, "viewer");

  const customerB = makeCustomer(db, { name: "Pat Platypus", email: "pat@platypus.example" });
  addMember(db, b.room.id, customerB.id, "customer_admin");

  // An email about room A, for the admin outbox detail page.
  const outboxA = enqueueEmail(db, {
    to: memberA.email,
    locale: "en",
    template: "invitation",
    props: {
      inviterName: csmA.name,
      accountName: a.account.name,
      roomTitle: a.room.title,
      role: "customer_member",
      url: "http://127.0.0.1/invite?token=not-a-real-token",
      expiresAt: new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString(),
    },
  });

  const templateId = createTemplate(db, STANDARD_TEMPLATE_EN, admin.id);

  return {
    templateId,
    admin,
    csmA,
    salesA,
    csmB,
    salesB,
    csmIdle,
    accountA: a.account,
    roomA: a.room,
    roomA2,
    accountB: b.account,
    roomB: b.room,
    customerAdminA,
    memberA,
    viewerA,
    customerB,
    outboxA,
    /** What must never reach anyone without access to room A. */
    secretsOfA: [
      a.room.title,
      a.account.name,
      csmA.email,
      customerAdminA.email,
      memberA.email,
      viewerA.email,
      customerAdminA.name,
      memberA.name,
      viewerA.name,
    ],
  };
}

export type TwoTenants = ReturnType<typeof seedTwoTenants>;
