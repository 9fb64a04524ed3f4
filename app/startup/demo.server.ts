import { and, count, eq, inArray } from "drizzle-orm";
import { seedDemoMeetings } from "./demo-meetings.server";
import { getDb, type DbOrTx, type Tx, writeTransaction } from "#db/client.server";
import { addMember, makeAccountWithRoom, makeCustomer, makeStaff } from "#db/factories";
import { memberships, rooms, stakeholders, users, workspaceSettings } from "#db/schema";
import { hashPassword } from "~/auth/password.server";
import { setPulse } from "~/domain/health/health.server";
import { runDailyHealth } from "~/domain/health/jobs.server";
import { createPlanFromTemplate, getPlan, setTaskStatus } from "~/domain/plan/plan.server";
import { getRoomAccess } from "~/domain/rooms/access.server";
import { seedDemoDocuments } from "./demo-documents.server";
import { seedDemoRaci } from "./demo-raci.server";
import { STANDARD_TEMPLATE_EN, STANDARD_TEMPLATE_JA } from "~/domain/templates/standard-templates";
import { createTemplate } from "~/domain/templates/templates.server";
import { DEMO_WELCOME_ACME_EN, DEMO_WELCOME_SAMPLE_JA } from "~/domain/templates/standard-welcome";
import { parseRichText } from "~/domain/richtext/richtext";
import { WORKSPACE_ID } from "~/domain/workspace/brand.server";
import { seedDemoHandoffs } from "./demo-handoffs.server";
import { seedDemoGoals } from "./demo-goals.server";
import { seedDemoReports } from "./demo-reports.server";
import { seedDemoSignOff } from "./demo-signoff.server";
import { seedDemoReview } from "./demo-review.server";
import { seedDemoForms } from "./demo-forms.server";
import { seedDemoTraining } from "./demo-training.server";
import { seedDemoTrainingExtras } from "./demo-training-extras.server";

export const DEMO_PASSWORD = "launchroom-demo";

export type DemoCredentials = { password: string; staff: { role: string; email: string }[] };

const hasUsers = (db: DbOrTx) => (db.select({ n: count() }).from(users).get()?.n ?? 0) > 0;

/**
 * Demo data for an empty database; does nothing (and returns null) when any user exists. All or nothing:
 * one write transaction holds everything, so a first start killed halfway leaves an empty database and
 * the next start seeds the whole demo. The domain commands called inside open their own transactions on
 * the same connection, which better-sqlite3 turns into savepoints.
 */
export async function seedDemoData(): Promise<DemoCredentials | null> {
  const db = getDb();
  if (hasUsers(db)) return null;
  // Hashed before the transaction: better-sqlite3 transactions must not await.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return writeTransaction(db, (tx) => {
    if (hasUsers(tx)) return null;
    const seeded = seedPeopleAndAccounts(tx, passwordHash);
    seedBrandAndProfiles(tx);
    // Plans are built through the domain, as a CSM would, with the first few tasks already done.
    for (const plan of seeded.plans) {
      const ctx = { ...getRoomAccess(plan.csm, plan.roomId)!, user: plan.csm };
      createPlanFromTemplate(ctx, plan.templateId);
      for (const task of getPlan(ctx).tasks.slice(0, plan.done)) {
        setTaskStatus(ctx, task.id, { status: "done", version: task.version });
      }
    }
    seedDemoRaci(seeded.plans);
    seedDemoMeetings(seeded.plans);
    seedDemoDocuments(seeded.plans);
    seedDemoGoals(tx, seeded.plans);
    seedHealthHistory(seeded.activity);
    seedDemoHandoffs(tx);
    // Each demo room has one report sent, so its printable page is there to open from the Report tab.
    for (const plan of seeded.plans) seedDemoReports(plan);
    seedDemoSignOff(tx, seeded.plans[0]!);
    seedDemoReview(tx, seeded.plans[0]!.templateId);
    seedDemoForms(tx, seeded.plans[0]!);
    seedDemoTraining(seeded.plans, ["ja", "en"]);
    seedDemoTrainingExtras(tx, seeded.plans[0]!);
    return seeded.credentials;
  });
}

/** The demo vendor's name and sender, and the CSMs' contact details customers see on their room. */
function seedBrandAndProfiles(tx: Tx) {
  tx.insert(workspaceSettings)
    .values({ id: WORKSPACE_ID, companyName: "Launchroom", emailSenderName: "Launchroom カスタマーサクセス" })
    .onConflictDoNothing()
    .run();
  const profiles = [
    {
      email: "sato@launchroom.example",
      jobTitle: "カスタマーサクセスマネージャー",
      phone: "+81 3-1234-5678",
      bookingUrl: "https://calendar.example.com/sato",
    },
    {
      email: "emily@launchroom.example",
      jobTitle: "Customer Success Manager",
      phone: "+1 415-555-0134",
      bookingUrl: "https://calendar.example.com/emily",
    },
  ];
  for (const { email, ...profile } of profiles)
    tx.update(users).set(profile).where(eq(users.email, email)).run();
}

function seedPeopleAndAccounts(tx: Tx, passwordHash: string) {
  const admin = makeStaff(tx, {
    name: "山田 太郎",
    email: "admin@launchroom.example",
    staffRole: "admin",
    passwordHash,
    locale: "ja",
  });
  const sato = makeStaff(tx, {
    name: "佐藤 美咲",
    email: "sato@launchroom.example",
    staffRole: "csm",
    passwordHash,
    locale: "ja",
  });
  const emily = makeStaff(tx, {
    name: "Emily Carter",
    email: "emily@launchroom.example",
    staffRole: "csm",
    passwordHash,
    locale: "en",
  });
  const suzuki = makeStaff(tx, {
    name: "鈴木 健太",
    email: "suzuki@launchroom.example",
    staffRole: "sales",
    passwordHash,
    locale: "ja",
  });

  const sample = makeAccountWithRoom(tx, {
    name: "株式会社サンプル商事",
    allowedDomains: ["sample-shoji.co.jp"],
    crmDealUrl: "https://crm.example.com/deals/1042",
    mrrMinor: 480_000,
    currency: "JPY",
    contractStart: "2026-11-01",
    renewalDate: "2027-10-31",
    touchModel: "high",
    ownerId: suzuki.id,
    csmId: sato.id,
    roomTitle: "導入オンボーディング 2026",
    kickoffDate: "2026-11-09",
    targetGoLiveDate: "2027-02-26",
  });
  const tanaka = makeCustomer(tx, { name: "田中 一郎", email: "tanaka@sample-shoji.co.jp", locale: "ja" });
  const ito = makeCustomer(tx, { name: "伊藤 さくら", email: "ito@sample-shoji.co.jp", locale: "ja" });
  addMember(tx, sample.room.id, tanaka.id, "customer_admin");
  addMember(tx, sample.room.id, ito.id, "customer_member");
  tx.insert(stakeholders)
    .values([
      {
        roomId: sample.room.id,
        name: "田中 一郎",
        side: "customer",
        title: "情報システム部 部長",
        teamRole: "project_lead",
        email: tanaka.email,
        userId: tanaka.id,
      },
      {
        roomId: sample.room.id,
        name: "伊藤 さくら",
        side: "customer",
        title: "情報システム部",
        teamRole: "it_admin",
        email: ito.email,
        userId: ito.id,
      },
      {
        roomId: sample.room.id,
        name: "高橋 誠",
        side: "customer",
        title: "取締役 CIO",
        teamRole: "sponsor",
        email: "takahashi@sample-shoji.co.jp",
        isSponsor: true,
      },
      {
        roomId: sample.room.id,
        name: "佐藤 美咲",
        side: "vendor",
        title: "カスタマーサクセス",
        teamRole: "csm",
        email: sato.email,
        userId: sato.id,
      },
    ])
    .run();

  const acme = makeAccountWithRoom(tx, {
    name: "Acme Analytics Inc.",
    allowedDomains: ["acme-analytics.com"],
    crmDealUrl: "https://crm.example.com/deals/1077",
    mrrMinor: 1_250_000,
    currency: "USD",
    contractStart: "2026-10-15",
    renewalDate: "2027-10-14",
    touchModel: "low",
    timeZone: "America/New_York",
    ownerId: suzuki.id,
    csmId: emily.id,
    roomTitle: "Acme onboarding",
    kickoffDate: "2026-10-20",
    targetGoLiveDate: "2027-01-15",
  });
  const jordan = makeCustomer(tx, { name: "Jordan Lee", email: "jordan@acme-analytics.com", locale: "en" });
  addMember(tx, acme.room.id, jordan.id, "customer_admin");
  tx.insert(stakeholders)
    .values([
      {
        roomId: acme.room.id,
        name: "Jordan Lee",
        side: "customer",
        title: "Head of Analytics",
        // Sponsor and day-to-day lead at once, as in many smaller accounts.
        teamRole: "sponsor",
        email: jordan.email,
        userId: jordan.id,
        isSponsor: true,
      },
      {
        roomId: acme.room.id,
        name: "Emily Carter",
        side: "vendor",
        title: "Customer Success",
        teamRole: "csm",
        email: emily.email,
        userId: emily.id,
      },
    ])
    .run();
  const templates = {
    ja: createTemplate(tx, STANDARD_TEMPLATE_JA, admin.id),
    en: createTemplate(tx, STANDARD_TEMPLATE_EN, admin.id),
  };
  // The two rooms in progress have their CSM's own welcome note; 北斗 has none (its CSM sees the empty state).
  for (const [roomId, note] of [
    [sample.room.id, DEMO_WELCOME_SAMPLE_JA],
    [acme.room.id, DEMO_WELCOME_ACME_EN],
  ] as const)
    tx.update(rooms)
      .set({ welcomeNote: parseRichText(note), welcomeNoteUpdatedAt: new Date() })
      .where(eq(rooms.id, roomId))
      .run();

  makeAccountWithRoom(tx, {
    name: "北斗ロジスティクス株式会社",
    allowedDomains: ["hokuto-logi.jp"],
    mrrMinor: 220_000,
    currency: "JPY",
    contractStart: "2026-06-01",
    renewalDate: "2027-05-31",
    touchModel: "tech",
    csmId: sato.id,
    roomTitle: "活用定着フェーズ",
    stage: "adoption",
    kickoffDate: "2026-06-08",
    targetGoLiveDate: "2026-08-31",
  });

  return {
    credentials: {
      password: DEMO_PASSWORD,
      staff: [admin, sato, emily, suzuki].map((u) => ({ role: u.staffRole ?? "", email: u.email })),
    },
    plans: [
      { csm: sato, roomId: sample.room.id, templateId: templates.ja, done: 3 },
      { csm: emily, roomId: acme.room.id, templateId: templates.en, done: 6 },
    ],
    // サンプル商事 is engaged; Acme's customer went quiet 23 days ago and its pulse is stale.
    activity: [
      {
        csm: sato,
        roomId: sample.room.id,
        customerIds: [tanaka.id, ito.id],
        quietDays: 0,
        pulseDaysAgo: 6,
      },
      { csm: emily, roomId: acme.room.id, customerIds: [jordan.id], quietDays: 23, pulseDaysAgo: 34 },
    ],
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;
const HISTORY_DAYS = 42;

/**
 * Six weeks of customer visits and CSM pulses, with the daily health pass replayed day by day, so the
 * demo opens with a score history, trends and the alerts those weeks would have raised.
 */
function seedHealthHistory(
  rooms: {
    csm: typeof users.$inferSelect;
    roomId: string;
    customerIds: string[];
    quietDays: number;
    pulseDaysAgo: number;
  }[],
): void {
  const db = getDb();
  const now = Date.now();
  const dayAt = (daysAgo: number) => new Date(now - daysAgo * DAY_MS);
  for (let daysAgo = HISTORY_DAYS; daysAgo >= 0; daysAgo--) {
    for (const room of rooms) {
      // Customers open the room every other day, the last time `quietDays` ago.
      if (daysAgo >= room.quietDays && (daysAgo - room.quietDays) % 2 === 0)
        db.update(memberships)
          .set({ lastSeenAt: dayAt(daysAgo) })
          .where(and(eq(memberships.roomId, room.roomId), inArray(memberships.userId, room.customerIds)))
          .run();
      if (daysAgo === room.pulseDaysAgo) {
        const ctx = { ...getRoomAccess(room.csm, room.roomId)!, user: room.csm };
        const green = room.quietDays === 0;
        setPulse(
          ctx,
          {
            value: green ? "green" : "yellow",
            comment: green ? "定例会議は毎週実施、意思決定も早い" : "Champion is busy with a reorganisation",
          },
          dayAt(daysAgo),
        );
      }
    }
    runDailyHealth(dayAt(daysAgo), { force: true });
  }
}
