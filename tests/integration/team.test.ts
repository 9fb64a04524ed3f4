import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invitations, memberships, outbox, stakeholders, users } from "#db/schema";
import { listTeam } from "~/domain/team/team.server";
import { getRoomAccess } from "~/domain/rooms/access.server";
import { Client, startTestApp, type TestApp } from "../helpers/app-server";
import {
  createTestDatabase,
  makeInvitation,
  seedTwoTenants,
  signInAs,
  type TestDatabase,
  type TwoTenants,
} from "../helpers/fixtures";

/**
 * The Team tab: one list of the people of both sides with their team role, contact details and access
 * state; inviting a person in one action; the vendor's people are out of the customers' reach; the old
 * Stakeholders and Members URLs lead there.
 */
describe("team tab", () => {
  let tdb: TestDatabase;
  let app: TestApp;
  let w: TwoTenants;
  const ids: Record<string, string> = {};
  const DAY = 24 * 3600 * 1000;

  const person = (values: Partial<typeof stakeholders.$inferInsert> & { name: string }) =>
    tdb.db
      .insert(stakeholders)
      .values({ roomId: w.roomA.id, side: "customer", ...values })
      .returning()
      .get();

  beforeAll(async () => {
    tdb = createTestDatabase();
    w = seedTwoTenants(tdb.db);
    const db = tdb.db;
    // Room A: the CSM (owner, no team row yet), a sponsor who never joined, a member who was active three
    // days ago, someone invited, someone without an email, someone outside the allowed domains.
    ids.vendorCsm = person({
      name: "Vera Vendor",
      side: "vendor",
      teamRole: "implementation_consultant",
      email: "vera@vendor.example",
      phone: "+81 3-1234-5678",
    }).id;
    ids.sponsor = person({
      name: "Sally Sponsor",
      teamRole: "sponsor",
      isSponsor: true,
      email: "sally@quokka.example",
      title: "CIO",
    }).id;
    ids.member = person({
      name: "Quinn Member",
      teamRole: "it_admin",
      email: w.memberA.email,
      userId: w.memberA.id,
      responsibility: "SSO and accounts",
    }).id;
    ids.invited = person({ name: "Ivy Invited", teamRole: "end_user", email: "ivy@quokka.example" }).id;
    ids.noEmail = person({ name: "Nora Noemail", teamRole: "end_user_lead" }).id;
    ids.outsider = person({ name: "Otto Outside", teamRole: "other", email: "otto@elsewhere.example" }).id;
    makeInvitation(db, { roomId: w.roomA.id, invitedById: w.csmA.id, email: "ivy@quokka.example" });
    db.update(memberships)
      .set({ lastSeenAt: new Date(Date.now() - 3 * DAY) })
      .where(and(eq(memberships.roomId, w.roomA.id), eq(memberships.userId, w.memberA.id)))
      .run();
    db.update(users).set({ locale: "en" }).run();
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
  const page = `/rooms/:room/team`;
  const teamOf = (roomId: string) => page.replace(":room", roomId);
  /** The text of one person's card on the page (tags stripped). */
  const card = (html: string, name: string) => {
    const cards = html.split('data-testid="team-person"').slice(1);
    const found = cards.find((c) => c.includes(`>${name}<`));
    if (!found) throw new Error(`no card for ${name}`);
    const ends = ['<li class="card', "</section>"].map((e) => found.indexOf(e)).filter((i) => i >= 0);
    return found
      .slice(0, Math.min(...ends))
      .replace(/<[^>]+>/g, " ")
      .replace(/&#x27;/g, "'")
      .replace(/\s+/g, " ");
  };
  const row = (id: string) => tdb.db.select().from(stakeholders).where(eq(stakeholders.id, id)).get();

  it("lists both sides, members without a team row, and each person's access state (domain)", () => {
    const access = getRoomAccess(w.csmA, w.roomA.id)!;
    const team = listTeam(access);
    const names = (side: "vendor" | "customer") => team[side].map((p) => p.name);
    expect(names("vendor")).toEqual(["Vera Vendor", w.csmA.name]);
    // Sorted by team role: the sponsor first; members without a team role last.
    expect(names("customer")).toEqual([
      "Sally Sponsor",
      "Quinn Member",
      "Nora Noemail",
      "Ivy Invited",
      "Otto Outside",
      w.customerAdminA.name,
      w.viewerA.name,
    ]);
    const by = (name: string) => [...team.vendor, ...team.customer].find((p) => p.name === name)!;
    expect(by("Sally Sponsor")).toMatchObject({ access: "notInvited", lastSeenAt: null, isSponsor: true });
    expect(by("Quinn Member")).toMatchObject({ access: "joined", roomRole: "customer_member" });
    expect(by("Quinn Member").lastSeenAt).toBeInstanceOf(Date);
    expect(by("Ivy Invited").access).toBe("invited");
    expect(by("Ivy Invited").invitation?.role).toBe("customer_member");
    expect(by("Nora Noemail").access).toBe("noEmail");
    expect(by(w.customerAdminA.name)).toMatchObject({ teamRole: null, access: "joined", lastSeenAt: null });
    // Customers see the invited state but not the invitation itself (they cannot resend or withdraw it).
    const customerView = listTeam(getRoomAccess(w.customerAdminA, w.roomA.id)!);
    const ivy = customerView.customer.find((p) => p.name === "Ivy Invited")!;
    expect(ivy).toMatchObject({ access: "invited", invitation: null });
  });

  it("shows the page in groups named after the vendor and the customer, with translated roles and states", async () => {
    const res = await as(w.csmA.id).get(teamOf(w.roomA.id));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`>${w.accountA.name}`);
    expect(html).not.toMatch(/>Vendor</);
    const sponsor = card(html, "Sally Sponsor");
    expect(sponsor).toContain("Executive sponsor");
    expect(sponsor).toContain("Not joined · not invited yet");
    // A sponsor who never joined is "not joined", never "last active 0 days ago".
    expect(sponsor).not.toMatch(/last active/i);
    expect(html).toContain('href="mailto:sally@quokka.example"');
    expect(card(html, "Vera Vendor")).toContain("Implementation consultant");
    expect(html).toContain('href="tel:+81312345678"');
    const quinn = card(html, "Quinn Member");
    expect(quinn).toContain("Joined · last active 3 days ago");
    expect(quinn).toContain("Room access: Customer member");
    expect(quinn).toContain("IT administrator");
    expect(quinn).toContain("SSO and accounts");
    const admin = card(html, w.customerAdminA.name);
    expect(admin).toContain("No team role");
    expect(admin).toContain("Joined · not yet active");
    expect(admin).toContain("Room access: Customer admin");
    expect(card(html, "Ivy Invited")).toMatch(/Invited \S.* · waiting to join/);
    expect(card(html, "Nora Noemail")).toContain("Not joined · no email address");
    // Staff visits are not tracked: the CSM is "Joined", not "not yet active".
    const csm = card(html, w.csmA.name);
    expect(csm).toContain("Joined");
    expect(csm).not.toMatch(/not yet active|last active/);
    expect(csm).toContain("Room access: Owner (CSM)");
    // No internal code on the page.
    for (const code of ["it_admin", "customer_admin", "customer_member", "implementation_consultant"]) {
      expect(html.replace(/value="[^"]*"|name="[^"]*"/g, "")).not.toContain(`>${code}<`);
    }
  });

  it("shows the Japanese page with the translated role list", async () => {
    const client = as(w.csmA.id);
    tdb.db.update(users).set({ locale: "ja" }).where(eq(users.id, w.csmA.id)).run();
    try {
      const html = await (await client.get(teamOf(w.roomA.id))).text();
      expect(card(html, "Sally Sponsor")).toContain("エグゼクティブスポンサー");
      expect(card(html, "Sally Sponsor")).toContain("未参加・未招待");
      expect(card(html, "Vera Vendor")).toContain("導入コンサルタント");
      expect(html).not.toContain("ベンダー");
    } finally {
      tdb.db.update(users).set({ locale: "en" }).where(eq(users.id, w.csmA.id)).run();
    }
  });

  it("invites a person in one action: an invitation and its email, through the same rules", async () => {
    const res = await as(w.csmA.id).post(teamOf(w.roomA.id), {
      intent: "invite",
      stakeholderId: ids.sponsor!,
      role: "customer_member",
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Invitation sent to sally@quokka.example.");
    const invitation = tdb.db
      .select()
      .from(invitations)
      .where(and(eq(invitations.roomId, w.roomA.id), eq(invitations.email, "sally@quokka.example")))
      .get();
    expect(invitation).toMatchObject({ role: "customer_member", invitedById: w.csmA.id });
    const mail = tdb.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.toEmail, "sally@quokka.example"), eq(outbox.template, "invitation")))
      .all();
    expect(mail).toHaveLength(1);
    const html = await (await as(w.csmA.id).get(teamOf(w.roomA.id))).text();
    expect(card(html, "Sally Sponsor")).toMatch(/Invited .* waiting to join/);
    expect(card(html, "Sally Sponsor")).toContain("Resend");
  });

  it("refuses an invitation outside the allowed domains with the message, and invites nobody", async () => {
    const res = await as(w.csmA.id).post(teamOf(w.roomA.id), {
      intent: "invite",
      stakeholderId: ids.outsider!,
      role: "customer_member",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("elsewhere.example is not among this account");
    expect(html).toContain("Tick the exception box to invite anyway.");
    expect(
      tdb.db.select().from(invitations).where(eq(invitations.email, "otto@elsewhere.example")).all(),
    ).toEqual([]);
    // With the exception ticked, it goes out.
    const ok = await as(w.csmA.id).post(teamOf(w.roomA.id), {
      intent: "invite",
      stakeholderId: ids.outsider!,
      role: "customer_member",
      domainException: "on",
    });
    expect(ok.status).toBe(200);
    expect(
      tdb.db.select().from(invitations).where(eq(invitations.email, "otto@elsewhere.example")).get(),
    ).toMatchObject({ domainException: true });
  });

  it("refuses to invite someone without an email", async () => {
    const res = await as(w.csmA.id).post(teamOf(w.roomA.id), {
      intent: "invite",
      stakeholderId: ids.noEmail!,
      role: "customer_member",
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Add an email address before inviting this person.");
  });

  it("resends a pending invitation: a new one replaces the old", async () => {
    const open = () =>
      tdb.db
        .select()
        .from(invitations)
        .where(eq(invitations.email, "ivy@quokka.example"))
        .all()
        .filter((i) => !i.revokedAt);
    const [before] = open();
    const res = await as(w.csmA.id).post(teamOf(w.roomA.id), { intent: "resend", invitationId: before!.id });
    expect(res.status).toBe(200);
    const after = open();
    expect(after).toHaveLength(1);
    expect(after[0]!.id).not.toBe(before!.id);
    expect(
      tdb.db.select().from(outbox).where(eq(outbox.toEmail, "ivy@quokka.example")).all().length,
    ).toBeGreaterThan(0);
    // Customers cannot resend.
    const refused = await as(w.customerAdminA.id).post(teamOf(w.roomA.id), {
      intent: "resend",
      invitationId: after[0]!.id,
    });
    expect(refused.status).toBe(403);
  });

  it("never lets customers edit or remove the vendor's people (403, nothing changed)", async () => {
    const admin = as(w.customerAdminA.id);
    const before = row(ids.vendorCsm!)!;
    const update = (side: string) =>
      admin.post(teamOf(w.roomA.id), {
        intent: "update",
        id: before.id,
        version: String(before.version),
        name: "Hijacked",
        side,
        email: "attacker@quokka.example",
      });
    expect((await update("vendor")).status).toBe(403);
    // Nor by moving them to the customer's side first.
    expect((await update("customer")).status).toBe(403);
    const remove = await admin.post(teamOf(w.roomA.id), {
      intent: "remove",
      id: before.id,
      version: String(before.version),
    });
    expect(remove.status).toBe(403);
    // Nor add a vendor person, nor give the CSM a team role.
    const add = await admin.post(teamOf(w.roomA.id), { intent: "add", name: "Fake Vendor", side: "vendor" });
    expect(add.status).toBe(403);
    const setRole = await admin.post(teamOf(w.roomA.id), {
      intent: "setRole",
      userId: w.csmA.id,
      teamRole: "csm",
    });
    expect(setRole.status).toBe(403);
    expect(row(ids.vendorCsm!)).toEqual(before);
    expect(tdb.db.select().from(stakeholders).where(eq(stakeholders.name, "Fake Vendor")).all()).toEqual([]);
    expect(tdb.db.select().from(stakeholders).where(eq(stakeholders.userId, w.csmA.id)).all()).toEqual([]);
    // The page offers them no such buttons either.
    const html = await (await admin.get(teamOf(w.roomA.id))).text();
    expect(html).not.toContain("Edit Vera Vendor");
    expect(html).not.toContain("Remove from team: Vera Vendor");
    // Customer-side people they may edit, as before.
    const quinn = row(ids.member!)!;
    const ok = await admin.post(teamOf(w.roomA.id), {
      intent: "update",
      id: quinn.id,
      version: String(quinn.version),
      name: "Quinn Member",
      side: "customer",
      teamRole: "end_user_lead",
      email: w.memberA.email,
      phone: "03-0000-0000",
    });
    expect(ok.status).toBe(200);
    expect(row(ids.member!)).toMatchObject({ teamRole: "end_user_lead", phone: "03-0000-0000" });
  });

  it("keeps the sponsor flag in step with the team role", async () => {
    const csm = as(w.csmA.id);
    const sally = row(ids.sponsor!)!;
    await csm.post(teamOf(w.roomA.id), {
      intent: "update",
      id: sally.id,
      version: String(sally.version),
      name: sally.name,
      side: "customer",
      teamRole: "executive",
      email: sally.email!,
    });
    expect(row(ids.sponsor!)).toMatchObject({ teamRole: "executive", isSponsor: false });
    // Giving a member without a team row the sponsor role creates their row, linked, as sponsor.
    const res = await csm.post(teamOf(w.roomA.id), {
      intent: "setRole",
      userId: w.viewerA.id,
      teamRole: "sponsor",
    });
    expect(res.status).toBe(200);
    expect(
      tdb.db.select().from(stakeholders).where(eq(stakeholders.userId, w.viewerA.id)).get(),
    ).toMatchObject({ name: w.viewerA.name, side: "customer", teamRole: "sponsor", isSponsor: true });
  });

  it("answers the old Stakeholders and Members URLs with a redirect to the Team tab", async () => {
    for (const old of ["stakeholders", "members"]) {
      const res = await as(w.memberA.id).get(`/rooms/${w.roomA.id}/${old}`);
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe(`/rooms/${w.roomA.id}/team`);
      // Outside the room it is still "not found", not a hint that the room exists.
      const outsider = await as(w.customerB.id).get(`/rooms/${w.roomA.id}/${old}`);
      expect(outsider.status).toBe(404);
      // The usual "not found" page, not a bare resource-route error.
      expect(await outsider.text()).toContain("Page not found");
      const anon = await new Client(app.url).get(`/rooms/${w.roomA.id}/${old}`);
      expect(anon.status).toBe(302);
      expect(anon.headers.get("location")).toMatch(/^\/sign-in\?redirectTo=/);
    }
  });
});
