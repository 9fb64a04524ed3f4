import { and, count, eq } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import { accounts, events, invitations, memberships, outbox, rooms, sessions, users } from "#db/schema";
import { addMember, makeAccountWithRoom, makeCustomer, makeStaff } from "#db/factories";
import type { StaffUser } from "~/access/users";
import { createSession } from "~/auth/session.server";
import { createAccountWithRoom } from "~/domain/accounts/accounts.server";
import type { AccountWithRoomInput } from "~/domain/accounts/schemas";
import { acceptInvitation, inviteToRoom } from "~/domain/invitations/invitations.server";
import { unseal } from "~/utils/seal.server";
import { getRoomAccess } from "~/domain/rooms/access.server";
import { listPortfolio } from "~/domain/health/portfolio.server";
import { removeMember } from "~/domain/rooms/rooms.server";
import { changeStaffRole, setStaffActive } from "~/domain/users/users.server";
import { DomainError } from "~/utils/errors";
import { useTestDatabase } from "../helpers/db";

const t = useTestDatabase();
const rows = (table: SQLiteTable) => t.db().select({ n: count() }).from(table).get()!.n;

function expectDomainError(fn: () => unknown, messageKey: string) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).messageKey).toBe(messageKey);
    return;
  }
  throw new Error(`expected ${messageKey}`);
}

const input = (over: Partial<AccountWithRoomInput> & { csmId: string }): AccountWithRoomInput => ({
  name: "Globex",
  allowedDomains: ["globex.example"],
  mrr: "1500.50",
  currency: "USD",
  renewalDate: "2027-12-01",
  touchModel: "low",
  timeZone: "America/New_York",
  roomTitle: "Globex onboarding",
  stage: "onboarding",
  ...over,
});

function setupRoom() {
  const db = t.db();
  const csm = makeStaff(db, { staffRole: "csm", name: "Casey CSM" }) as StaffUser;
  const { account, room } = makeAccountWithRoom(db, { csmId: csm.id, allowedDomains: ["globex.example"] });
  const access = getRoomAccess(csm, room.id)!;
  return { db, csm, account, room, inviter: { ...access, user: csm, locale: "en" as const } };
}

describe("creating an account with its first room", () => {
  it("writes account, room, owner membership and events together", () => {
    const db = t.db();
    const csm = makeStaff(db, { staffRole: "csm" }) as StaffUser;
    const { accountId, roomId } = createAccountWithRoom(csm, input({ csmId: csm.id }));
    expect(db.select().from(accounts).where(eq(accounts.id, accountId)).get()).toMatchObject({
      mrrMinor: 150050,
      currency: "USD",
    });
    expect(db.select().from(rooms).where(eq(rooms.id, roomId)).get()).toMatchObject({
      accountId,
      title: "Globex onboarding",
    });
    expect(db.select().from(memberships).where(eq(memberships.roomId, roomId)).all()).toEqual([
      expect.objectContaining({ userId: csm.id, role: "owner" }),
    ]);
    expect(
      db
        .select({ type: events.type })
        .from(events)
        .all()
        .map((e) => e.type),
    ).toEqual(["account.created", "room.created"]);
  });

  it("saves nothing when the CSM is not an active CSM or admin", () => {
    const db = t.db();
    const csm = makeStaff(db, { staffRole: "csm" }) as StaffUser;
    const sales = makeStaff(db, { staffRole: "sales" });
    const gone = makeStaff(db, { staffRole: "csm", active: false });
    expectDomainError(() => createAccountWithRoom(csm, input({ csmId: sales.id })), "validation.csmInvalid");
    expectDomainError(() => createAccountWithRoom(csm, input({ csmId: gone.id })), "validation.csmInvalid");
    expectDomainError(
      () => createAccountWithRoom(csm, input({ csmId: csm.id, ownerId: "nobody" })),
      "validation.ownerInvalid",
    );
    expect([rows(accounts), rows(rooms), rows(memberships), rows(events)]).toEqual([0, 0, 0, 0]);
  });

  it("is refused to sales", () => {
    const sales = makeStaff(t.db(), { staffRole: "sales" }) as StaffUser;
    expectDomainError(() => createAccountWithRoom(sales, input({ csmId: sales.id })), "errors.forbidden");
  });
});

describe("portfolio scopes", () => {
  it("shows CSMs their own accounts by default, all on request, and sales only what they own", () => {
    const db = t.db();
    const a = makeStaff(db, { staffRole: "csm" }) as StaffUser;
    const b = makeStaff(db, { staffRole: "csm" }) as StaffUser;
    const sales = makeStaff(db, { staffRole: "sales" }) as StaffUser;
    makeAccountWithRoom(db, { csmId: a.id, name: "Mine", ownerId: sales.id });
    makeAccountWithRoom(db, { csmId: b.id, name: "Theirs" });
    const names = (user: StaffUser, scope: "mine" | "all") =>
      listPortfolio(user, { scope, page: 1 })
        .rows.map((r) => r.accountName)
        .sort();
    expect(names(a, "mine")).toEqual(["Mine"]);
    expect(names(a, "all")).toEqual(["Mine", "Theirs"]);
    expect(names(sales, "all")).toEqual(["Mine"]);
    expect(listPortfolio(a, { scope: "all", page: 1, query: "the" }).rows.map((r) => r.accountName)).toEqual([
      "Theirs",
    ]);
    expect(listPortfolio(a, { scope: "all", page: 1, query: "%" }).rows).toEqual([]);
  });
});

describe("invitations", () => {
  it("queues the email and the event in the same transaction as the invitation", () => {
    const { db, inviter, room } = setupRoom();
    inviteToRoom(inviter, { email: "pat@globex.example", role: "customer_member", domainException: false });
    expect(db.select().from(invitations).where(eq(invitations.roomId, room.id)).all()).toHaveLength(1);
    expect(db.select().from(outbox).all()).toEqual([
      expect.objectContaining({ toEmail: "pat@globex.example", template: "invitation", locale: "en" }),
    ]);
    expect(db.select().from(events).where(eq(events.type, "invitation.sent")).all()).toHaveLength(1);
  });

  it("keeps customer invites inside the account's domains unless staff confirm an exception", () => {
    const { db, inviter } = setupRoom();
    expectDomainError(
      () =>
        inviteToRoom(inviter, {
          email: "pat@gmail.example",
          role: "customer_member",
          domainException: false,
        }),
      "invite.domainNotAllowed",
    );
    expect(rows(invitations) + rows(outbox)).toBe(0);
    inviteToRoom(inviter, { email: "pat@partner.example", role: "viewer", domainException: true });
    expect(db.select().from(invitations).get()).toMatchObject({ domainException: true });
  });

  it("lets a customer admin invite colleagues of their own domain only, never vendor roles", () => {
    const { db, room, account } = setupRoom();
    const admin = makeCustomer(db, { email: "lead@globex.example" });
    addMember(db, room.id, admin.id, "customer_admin");
    const inviter = { ...getRoomAccess(admin, room.id)!, user: admin, locale: "ja" as const };
    inviteToRoom(inviter, { email: "kim@globex.example", role: "customer_member", domainException: false });
    expectDomainError(
      () =>
        inviteToRoom(inviter, { email: "x@other.example", role: "customer_member", domainException: true }),
      "invite.colleagueDomainOnly",
    );
    expectDomainError(
      () =>
        inviteToRoom(inviter, { email: "y@globex.example", role: "collaborator", domainException: false }),
      "errors.forbidden",
    );
    expect(account.allowedDomains).toEqual(["globex.example"]);
    expect(db.select().from(outbox).get()).toMatchObject({ locale: "ja" });
  });

  it("refuses members, vendor staff as customers and non-staff collaborators", () => {
    const { db, inviter, room } = setupRoom();
    const member = makeCustomer(db, { email: "in@globex.example" });
    addMember(db, room.id, member.id, "customer_member");
    const staff = makeStaff(db, { email: "colleague@vendor.example" });
    expectDomainError(
      () => inviteToRoom(inviter, { email: "in@globex.example", role: "viewer", domainException: false }),
      "invite.alreadyMember",
    );
    expectDomainError(
      () => inviteToRoom(inviter, { email: staff.email, role: "customer_member", domainException: true }),
      "invite.staffAsCustomer",
    );
    expectDomainError(
      () =>
        inviteToRoom(inviter, { email: "pat@globex.example", role: "collaborator", domainException: false }),
      "invite.collaboratorMustBeStaff",
    );
    inviteToRoom(inviter, { email: staff.email, role: "collaborator", domainException: false });
  });

  it("creates the customer with the name they give, signed in and a member, once", () => {
    const { db, inviter, room } = setupRoom();
    inviteToRoom(inviter, { email: "pat@globex.example", role: "customer_member", domainException: false });
    const sealed = db.select({ sealedProps: outbox.sealedProps }).from(outbox).get()!.sealedProps;
    const token = new URL(unseal<{ url: string }>(sealed).url).searchParams.get("token")!;
    const accepted = acceptInvitation(token, { name: "Pat Kim" });
    expect(accepted.roomId).toBe(room.id);
    expect(db.select().from(users).where(eq(users.id, accepted.userId)).get()).toMatchObject({
      name: "Pat Kim",
      kind: "customer",
      locale: "en",
    });
    expect(db.select().from(memberships).where(eq(memberships.userId, accepted.userId)).get()).toMatchObject({
      role: "customer_member",
    });
    expect(db.select().from(sessions).where(eq(sessions.userId, accepted.userId)).all()).toHaveLength(1);
    expectDomainError(() => acceptInvitation(token), "invite.invalid");
  });

  it("replaces an open invitation to the same address", () => {
    const { db, inviter } = setupRoom();
    inviteToRoom(inviter, { email: "pat@globex.example", role: "customer_member", domainException: false });
    inviteToRoom(inviter, { email: "pat@globex.example", role: "customer_admin", domainException: false });
    const open = db
      .select()
      .from(invitations)
      .all()
      .filter((i) => !i.revokedAt);
    expect(open).toEqual([expect.objectContaining({ role: "customer_admin" })]);
  });
});

describe("removing members and deactivating users", () => {
  it("removes a member, ends a customer's sessions with their last room, and protects the last owner", () => {
    const { db, csm, room } = setupRoom();
    const customer = makeCustomer(db);
    const membership = addMember(db, room.id, customer.id, "customer_member");
    createSession(db, customer.id);
    const owner = db
      .select()
      .from(memberships)
      .where(and(eq(memberships.roomId, room.id), eq(memberships.role, "owner")))
      .get()!;
    expectDomainError(() => removeMember(csm, "owner", room.id, owner.id), "errors.lastOwner");
    expectDomainError(() => removeMember(csm, "customer_admin", room.id, membership.id), "errors.forbidden");
    removeMember(csm, "owner", room.id, membership.id);
    expect(getRoomAccess(customer, room.id)).toBeNull();
    expect(db.select().from(sessions).where(eq(sessions.userId, customer.id)).all()).toEqual([]);
    expect(db.select().from(events).where(eq(events.type, "member.removed")).all()).toHaveLength(1);
  });

  it("refuses a membership id of another room", () => {
    const { db, csm, room } = setupRoom();
    const other = makeAccountWithRoom(db, { csmId: csm.id });
    const foreign = addMember(db, other.room.id, makeCustomer(db).id, "customer_member");
    expectDomainError(() => removeMember(csm, "owner", room.id, foreign.id), "errors.memberNotFound");
  });

  it("signs a deactivated user out everywhere and keeps one active admin", () => {
    const db = t.db();
    const admin = makeStaff(db, { staffRole: "admin" }) as StaffUser;
    const csm = makeStaff(db, { staffRole: "csm" });
    createSession(db, csm.id);
    setStaffActive(admin, csm.id, false);
    expect(db.select().from(users).where(eq(users.id, csm.id)).get()).toMatchObject({ active: false });
    expect(rows(sessions)).toBe(0);
    expectDomainError(() => setStaffActive(admin, admin.id, false), "errors.cannotDeactivateSelf");
    expectDomainError(() => changeStaffRole(admin, admin.id, "csm"), "errors.lastAdmin");
    expectDomainError(() => changeStaffRole(csm as StaffUser, admin.id, "csm"), "errors.forbidden");
  });
});
