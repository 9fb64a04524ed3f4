import { describe, expect, it } from "vitest";
import { can, invitableRoles, staffCan } from "~/access/capabilities";
import { effectiveRole } from "~/domain/rooms/access.server";

const account = { csmId: "csm-1", ownerId: "sales-1" };
const staff = (id: string, staffRole: "admin" | "csm" | "sales") => ({
  id,
  kind: "staff" as const,
  staffRole,
});
const customer = { id: "cust-1", kind: "customer" as const, staffRole: null };

describe("effective room role", () => {
  it("gives staff access through their job", () => {
    expect(effectiveRole(staff("admin-1", "admin"), account, null)).toBe("owner");
    expect(effectiveRole(staff("csm-1", "csm"), account, null)).toBe("owner");
    expect(effectiveRole(staff("csm-2", "csm"), account, null)).toBe("collaborator");
    expect(effectiveRole(staff("sales-1", "sales"), account, null)).toBe("account_owner");
    expect(effectiveRole(staff("sales-2", "sales"), account, null)).toBeNull();
  });

  it("lets customers in only through a membership", () => {
    expect(effectiveRole(customer, account, null)).toBeNull();
    expect(effectiveRole(customer, account, "customer_member")).toBe("customer_member");
  });

  it("keeps the higher of membership and job", () => {
    expect(effectiveRole(staff("sales-2", "sales"), account, "collaborator")).toBe("collaborator");
    expect(effectiveRole(staff("csm-2", "csm"), account, "viewer")).toBe("collaborator");
  });
});

describe("capability map", () => {
  it("keeps internal items and member management on the vendor side", () => {
    for (const role of ["customer_admin", "customer_member", "viewer"] as const) {
      expect(can(role, "room.viewInternal")).toBe(false);
      expect(can(role, "members.remove")).toBe(false);
      expect(can(role, "members.invite")).toBe(false);
      expect(can(role, "room.view")).toBe(true);
    }
    expect(can("account_owner", "room.edit")).toBe(false);
    expect(can("account_owner", "room.viewInternal")).toBe(true);
    expect(can(null, "room.view")).toBe(false);
  });

  it("lets customer admins invite colleagues but never vendor roles", () => {
    expect(invitableRoles("customer_admin")).toEqual(["customer_admin", "customer_member", "viewer"]);
    expect(invitableRoles("customer_member")).toEqual([]);
    expect(invitableRoles("owner")).toContain("collaborator");
  });

  it("limits staff pages by staff role", () => {
    expect(staffCan("sales", "accounts.create")).toBe(false);
    expect(staffCan("sales", "portfolio.view")).toBe(true);
    expect(staffCan("csm", "staff.manage")).toBe(false);
    expect(staffCan("admin", "outbox.view")).toBe(true);
  });
});
