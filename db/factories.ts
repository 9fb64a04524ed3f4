import type { DbOrTx } from "./client.server";
import {
  accounts,
  memberships,
  rooms,
  users,
  type Locale,
  type RoomRole,
  type RoomStage,
  type StaffRole,
  type TouchModel,
} from "./schema";

// Building blocks for demo data, tests and the benchmark: plain inserts with sensible defaults, so every
// fixture says only what matters to it.

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export function makeStaff(
  db: DbOrTx,
  over: Partial<{
    name: string;
    email: string;
    staffRole: StaffRole;
    passwordHash: string | null;
    locale: Locale;
    active: boolean;
  }> = {},
) {
  return db
    .insert(users)
    .values({
      name: over.name ?? "Staff User",
      email: over.email ?? `staff-${unique()}@vendor.example`,
      kind: "staff",
      staffRole: over.staffRole ?? "csm",
      passwordHash: over.passwordHash ?? null,
      locale: over.locale ?? null,
      active: over.active ?? true,
    })
    .returning()
    .get();
}

export function makeCustomer(
  db: DbOrTx,
  over: Partial<{ name: string; email: string; locale: Locale; active: boolean }> = {},
) {
  return db
    .insert(users)
    .values({
      name: over.name ?? "Customer User",
      email: over.email ?? `customer-${unique()}@customer.example`,
      kind: "customer",
      locale: over.locale ?? null,
      active: over.active ?? true,
    })
    .returning()
    .get();
}

export function makeAccountWithRoom(
  db: DbOrTx,
  over: Partial<{
    name: string;
    allowedDomains: string[];
    logoUrl: string | null;
    crmDealUrl: string | null;
    mrrMinor: number;
    currency: string;
    contractStart: string;
    renewalDate: string;
    touchModel: TouchModel;
    timeZone: string;
    ownerId: string | null;
    csmId: string;
    roomTitle: string;
    stage: RoomStage;
    kickoffDate: string | null;
    targetGoLiveDate: string | null;
  }> & { csmId: string },
) {
  const account = db
    .insert(accounts)
    .values({
      name: over.name ?? `Account ${unique()}`,
      allowedDomains: over.allowedDomains ?? ["customer.example"],
      logoUrl: over.logoUrl ?? null,
      crmDealUrl: over.crmDealUrl ?? null,
      mrrMinor: over.mrrMinor ?? 100_000,
      currency: over.currency ?? "JPY",
      contractStart: over.contractStart ?? "2026-10-01",
      renewalDate: over.renewalDate ?? "2027-09-30",
      touchModel: over.touchModel ?? "high",
      timeZone: over.timeZone ?? "Asia/Tokyo",
      ownerId: over.ownerId ?? null,
      csmId: over.csmId,
    })
    .returning()
    .get();
  const room = db
    .insert(rooms)
    .values({
      accountId: account.id,
      title: over.roomTitle ?? "Onboarding",
      stage: over.stage ?? "onboarding",
      kickoffDate: over.kickoffDate === undefined ? "2026-11-02" : over.kickoffDate,
      targetGoLiveDate: over.targetGoLiveDate === undefined ? "2027-01-29" : over.targetGoLiveDate,
    })
    .returning()
    .get();
  db.insert(memberships).values({ roomId: room.id, userId: over.csmId, role: "owner" }).run();
  return { account, room };
}

export function addMember(db: DbOrTx, roomId: string, userId: string, role: RoomRole) {
  return db.insert(memberships).values({ roomId, userId, role }).returning().get();
}
