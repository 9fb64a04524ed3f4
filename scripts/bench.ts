/**
 * `npm run bench`: load test of the built server against a realistic dataset.
 *
 * Builds a temporary SQLite database (500 accounts with one room each, 10 members per room, 20,000 events;
 * the room under test also has a plan of 300 tasks, 20 milestones and 2,000 more events), starts the built
 * server on it as a separate process, and loads seven targets with autocannon: /healthz, the sign-in page,
 * the portfolio as a CSM, and the customer's room overview, plan list, timeline and team page as a customer
 * member (a target that answers 404, such as a page this build lacks, is reported missing, not loaded) (10
 * connections, no pipelining, a 1 s warm-up then 5 s measured; BENCH_DURATION=<seconds> changes the
 * latter). Each target is loaded two ways: "plain" (no Accept-Encoding, nothing compressed) and "browser"
 * (Chromium's navigation headers: Accept, Accept-Encoding: gzip, deflate, br, Accept-Language, User-Agent),
 * which is what customers cost. Per target and way it prints requests/second, p50/p99 latency, the
 * server's peak RSS, its CPU time per request (a figure that, unlike throughput, stays put when other
 * processes share the machine) and the bytes per response; then the throughput ratios against the
 * sign-in page, each way (goals, browser way: portfolio and room >= 0.5, plan and timeline >= 0.4).
 *
 * Then the mixed workload (see mixedWorkload; BENCH_MIXED_DURATION=<seconds>, 15 by default): 20
 * connections, one request in ten a form POST, `npm run jobs` running beside it; goal: 0 errors.
 * Last the health figures (see benchHealth; BENCH_HEALTH=0 skips them).
 *
 * First it prints the JavaScript each page ships (see jsPerRoute): read from the Vite manifest of the build,
 * no server needed.
 *
 * It reports and does not judge the goals: the exit code is 1 only when something broke (a target not
 * answering 200, errors or non-2xx responses under load, a failed write or job in the mixed workload).
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { eq } from "drizzle-orm";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import type { EventEmitter } from "node:events";
import { fileURLToPath } from "node:url";
import { migrateDatabase, openDatabase, useDatabase, type Tx, writeTransaction } from "#db/client.server";
import { addMember, makeAccountWithRoom, makeCustomer, makeStaff } from "#db/factories";
import { newId } from "#db/ids";
import {
  actionItems,
  events,
  memberships,
  users,
  meetingDecisions,
  meetings,
  goalCheckins,
  goals,
  milestones,
  milestoneTasks,
  phases,
  stakeholders,
  taskDependencies,
  engagementDays,
  roomTrainingItems,
  tasks,
  trainingModules,
  trainingModuleVersions,
  trainingProgress,
  type RoomRole,
  type RoomStage,
  type TouchModel,
} from "#db/schema";
import { createSession } from "../app/auth/session.server";
import { generateHealthDataset, HEALTH_ROOMS, measureRecompute, prng } from "./bench-health-data";

// --- Parameters -------------------------------------------------------------------------------------

const ACCOUNTS = 500;
const CSMS = 20;
const CUSTOMERS_PER_ROOM = 9; // + the CSM owner = 10 members
const EVENTS = 20_000;
const PLAN_TASKS = 300;
const PLAN_PHASES = 10;
const PLAN_MILESTONES = 20;
const PLAN_EVENTS = 2_000;
const CONNECTIONS = 10;
const MIXED_CONNECTIONS = 20;
const MIXED_SECONDS = Number(process.env.BENCH_MIXED_DURATION ?? 15);
const WARMUP_SECONDS = 1;
const DURATION_SECONDS = Number(process.env.BENCH_DURATION ?? 5);
const RSS_SAMPLE_MS = 100;
const COOKIE_NAME = "launchroom_session"; // the name over http (APP_URL is http://)
const BENCH_SECRET = "bench-secret-0123456789abcdefghijklmnopqrstuvwxyz";
// The in-process health pass renders alert emails into the outbox: it needs the app's environment.
process.env.APP_SECRET ??= BENCH_SECRET;
process.env.APP_URL ??= "http://127.0.0.1:3000";

const root = resolve(fileURLToPath(import.meta.url), "../..");

// --- autocannon (CommonJS, no bundled types: the part of its API used here) --------------------------

type Histogram = { average: number; p50: number; p99: number; max: number };
type AutocannonResult = {
  requests: Histogram & { total: number };
  latency: Histogram;
  throughput: Histogram & { total: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
};
/** One request of a sequence; autocannon cycles through the sequence on every connection. */
type SequenceRequest = {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Returns the request to send, or a falsy value to restart the sequence. */
  setupRequest?: (request: SequenceRequest, context: Record<string, unknown>) => SequenceRequest | null;
  onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
};
type AutocannonOptions = {
  url: string;
  connections: number;
  /** Requests per second over all connections (paced load); unpaced when absent. */
  overallRate?: number;
  pipelining: number;
  duration: number;
  headers?: Record<string, string>;
  requests?: SequenceRequest[];
};
type Autocannon = (
  opts: AutocannonOptions,
  cb: (err: Error | null, result: AutocannonResult) => void,
) => EventEmitter & { stop(): void };
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

// --- Dataset ----------------------------------------------------------------------------------------

const random = prng(20_261_102);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
function shuffle<T>(list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

/** "word:other" pairs (Japanese:romaji, event type:subject type), kept on few lines. */
const pairs = (list: string) => list.split(" ").map((pair) => pair.split(":") as [string, string]);
const words = (list: string) => list.split(" ");

const JA_STEMS = pairs(
  "サクラ:sakura 北斗:hokuto 富士:fuji 東邦:toho 大和:yamato みなと:minato 青葉:aoba 朝日:asahi 瑞穂:mizuho " +
    "光陽:koyo 三河:mikawa 信濃:shinano いろは:iroha 白鷺:shirasagi 飛鳥:asuka 昭和:showa 日本橋:nihonbashi " +
    "なにわ:naniwa 琴平:kotohira 紀伊:kii 若葉:wakaba 常盤:tokiwa 銀河:ginga 葵:aoi",
);
const JA_KINDS = pairs(
  "商事:shoji 製作所:seisakusho 物産:bussan ホールディングス:hd システムズ:systems ロジスティクス:logi " +
    "フーズ:foods 建設:kensetsu 薬品:yakuhin 電機:denki 不動産:fudosan テクノロジーズ:tech",
);
const EN_STEMS = words(
  "Acme Northwind Bluefin Summit Harbor Redwood Silverline Keystone Brightwater Ironbridge Lumen Vantage " +
    "Crescent Evergreen Pioneer Quantum Granite Meridian Atlas Cobalt",
);
const EN_KINDS = [
  "Analytics Inc.",
  "Logistics Ltd.",
  "Software GmbH",
  "Health Partners",
  "Retail Group",
  "Energy Corp.",
  "Capital LLC",
  "Robotics Inc.",
  "Media Ltd.",
  "Foods Co.",
  "Insurance Group",
  "Pharma AG",
  "Networks Inc.",
  "Apparel Co.",
];
const JA_FAMILY = pairs(
  "佐藤:sato 鈴木:suzuki 高橋:takahashi 田中:tanaka 伊藤:ito 渡辺:watanabe 山本:yamamoto 中村:nakamura " +
    "小林:kobayashi 加藤:kato 吉田:yoshida 山田:yamada",
);
const JA_GIVEN = pairs(
  "翔太:shota 美咲:misaki 健太:kenta さくら:sakura 大輔:daisuke 陽菜:hina 拓也:takuya 由美:yumi 直樹:naoki " +
    "葵:aoi 悠人:yuto 真由:mayu",
);
const EN_FIRST = words("Emily James Olivia Noah Sophia Liam Ava Lucas Mia Ethan Grace");
const EN_LAST = words("Carter Smith Johnson Brown Miller Davis Garcia Wilson Taylor Lee");
const EN_ZONES = words("America/New_York America/Los_Angeles Europe/London Europe/Berlin Asia/Singapore");
const EN_CURRENCIES = words("USD USD USD EUR GBP SGD");
const STAGES: RoomStage[] = ["onboarding", "onboarding", "onboarding", "adoption", "adoption", "expansion"];
const TOUCH: TouchModel[] = ["high", "high", "low", "low", "low", "tech"];
const CUSTOMER_ROLES: RoomRole[] = [
  "customer_admin",
  ...Array<RoomRole>(7).fill("customer_member"),
  "viewer",
];
/** [type, subject type], weighted by repetition. */
const EVENT_TYPES = pairs(
  "task.completed:task task.completed:task task.created:task comment.added:comment comment.added:comment " +
    "comment.added:comment milestone.reached:milestone file.uploaded:file meeting.scheduled:meeting",
);

const DAY = 24 * 60 * 60 * 1000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

type Dataset = {
  csmId: string;
  customerId: string;
  roomId: string;
  users: number;
  events: number;
  /** Tasks of the room under test the customer may change (for the mixed workload's writes). */
  writable: { id: string; version: number }[];
};

function generate(tx: Tx): Dataset {
  const now = Date.now();
  const staff = Array.from({ length: CSMS }, (_, i) => {
    const ja = i % 2 === 0;
    const name = ja
      ? `${JA_FAMILY[i % JA_FAMILY.length]![0]} ${JA_GIVEN[(i * 5) % JA_GIVEN.length]![0]}`
      : `${EN_FIRST[i % EN_FIRST.length]} ${EN_LAST[(i * 3) % EN_LAST.length]}`;
    return makeStaff(tx, {
      name,
      email: `csm${String(i + 1).padStart(2, "0")}@launchroom.example`,
      staffRole: "csm",
      locale: ja ? "ja" : "en",
    });
  });
  const sales = ["鈴木 健太", "Daniel Brooks", "小川 恵"].map((name, i) =>
    makeStaff(tx, { name, email: `sales${i + 1}@launchroom.example`, staffRole: "sales" }),
  );

  // Unique company names (and so unique domains): 60 % Japanese, the rest English.
  const japanese = shuffle(
    JA_STEMS.flatMap(([stem, stemRomaji]) =>
      JA_KINDS.map(([kind, kindRomaji]) => ({
        ja: true,
        name: random() < 0.5 ? `株式会社${stem}${kind}` : `${stem}${kind}株式会社`,
        domain: `${stemRomaji}-${kindRomaji}.co.jp`,
      })),
    ),
  ).slice(0, Math.round(ACCOUNTS * 0.6));
  const english = shuffle(
    EN_STEMS.flatMap((stem) =>
      EN_KINDS.map((kind) => ({
        ja: false,
        name: `${stem} ${kind}`,
        domain: `${stem}-${kind.split(" ")[0]}.com`.toLowerCase(),
      })),
    ),
  ).slice(0, ACCOUNTS - japanese.length);
  const companies = shuffle([...japanese, ...english]);
  if (companies.length < ACCOUNTS) throw new Error(`only ${companies.length} company names for ${ACCOUNTS}`);

  const rooms: { roomId: string; accountId: string; memberIds: string[]; customers: [string, RoomRole][] }[] =
    [];
  for (let i = 0; i < ACCOUNTS; i++) {
    const { ja, name, domain } = companies[i]!;
    const csm = staff[i % CSMS]!;
    const contractStart = now - between(30, 700) * DAY;
    // The next contract anniversary (a few are up to a month overdue).
    let renewal = contractStart + 365 * DAY * (random() < 0.7 ? 1 : 2);
    while (renewal < now - 30 * DAY) renewal += 365 * DAY;
    const kickoff = contractStart + between(3, 20) * DAY;
    const { account, room } = makeAccountWithRoom(tx, {
      name,
      allowedDomains: [domain],
      crmDealUrl: random() < 0.7 ? `https://crm.example.com/deals/${1000 + i}` : null,
      mrrMinor: ja ? between(50, 3_000) * 1_000 : between(500, 50_000) * 100,
      currency: ja ? (random() < 0.95 ? "JPY" : "USD") : pick(EN_CURRENCIES),
      contractStart: isoDate(contractStart),
      renewalDate: isoDate(renewal),
      touchModel: pick(TOUCH),
      timeZone: ja ? "Asia/Tokyo" : pick(EN_ZONES),
      ownerId: random() < 0.8 ? pick(sales).id : null,
      csmId: csm.id,
      roomTitle: ja
        ? pick(["導入オンボーディング", "活用定着フェーズ", "全社展開プロジェクト"])
        : "Onboarding",
      stage: pick(STAGES),
      kickoffDate: isoDate(kickoff),
      targetGoLiveDate: isoDate(kickoff + between(45, 120) * DAY),
    });

    const customers: [string, RoomRole][] = [];
    const taken = new Set<string>();
    for (let c = 0; c < CUSTOMERS_PER_ROOM; c++) {
      let personName: string;
      let local: string;
      do {
        if (ja) {
          const [family, familyRomaji] = pick(JA_FAMILY);
          const [given, givenRomaji] = pick(JA_GIVEN);
          personName = `${family} ${given}`;
          local = `${givenRomaji}.${familyRomaji}`;
        } else {
          const first = pick(EN_FIRST);
          const last = pick(EN_LAST);
          personName = `${first} ${last}`;
          local = `${first}.${last}`.toLowerCase();
        }
      } while (taken.has(local));
      taken.add(local);
      const user = makeCustomer(tx, {
        name: personName,
        email: `${local}@${domain}`,
        locale: ja ? "ja" : "en",
      });
      const role = CUSTOMER_ROLES[c]!;
      addMember(tx, room.id, user.id, role);
      customers.push([user.id, role]);
    }
    rooms.push({
      roomId: room.id,
      accountId: account.id,
      memberIds: [csm.id, ...customers.map(([id]) => id)],
      customers,
    });
  }

  // The activity log: one member.joined per customer membership, the rest spread at random over rooms.
  type EventRow = typeof events.$inferInsert;
  const rows: EventRow[] = [];
  for (const room of rooms) {
    for (const [userId] of room.customers) {
      rows.push({
        at: new Date(now - between(60, 400) * DAY),
        actorId: userId,
        accountId: room.accountId,
        roomId: room.roomId,
        type: "member.joined",
        subjectType: "user",
        subjectId: userId,
        data: { via: "invitation" },
      });
    }
  }
  while (rows.length < EVENTS) {
    const room = pick(rooms);
    const [type, subjectType] = pick(EVENT_TYPES);
    rows.push({
      at: new Date(now - Math.floor(random() * 180 * DAY)),
      actorId: pick(room.memberIds),
      accountId: room.accountId,
      roomId: room.roomId,
      type,
      subjectType,
      subjectId: newId(),
      data:
        type === "comment.added"
          ? { length: between(20, 800) }
          : { title: `${subjectType} ${between(1, 40)}` },
    });
  }
  for (let i = 0; i < rows.length; i += 1_000)
    tx.insert(events)
      .values(rows.slice(i, i + 1_000))
      .run();

  // The room under test belongs to a CSM other than the portfolio user, in the middle of the list.
  const target = rooms[Math.floor(ACCOUNTS / 2) + 1]!;
  const customer = target.customers.find(([, role]) => role === "customer_member")!;
  const plan = addLargePlan(tx, target.roomId, target.accountId, customer[0]);
  addSuccessPlan(tx, target.roomId, customer[0]);
  addCurriculum(
    tx,
    target.roomId,
    target.customers.map(([userId]) => userId),
  );
  return {
    csmId: staff[0]!.id,
    customerId: customer[0],
    roomId: target.roomId,
    users: CSMS + sales.length + ACCOUNTS * CUSTOMERS_PER_ROOM,
    events: rows.length + plan.events,
    writable: plan.writable,
  };
}

/** The success plan of the room under test: 8 goals with 12 weekly check-ins each (charts and tables). */
function addSuccessPlan(tx: Tx, roomId: string, authorId: string) {
  for (let g = 0; g < 8; g++) {
    const { id } = tx
      .insert(goals)
      .values({
        roomId,
        statement: `Bench goal ${g + 1}: more weekly active users in the pilot departments`,
        kpi: "Weekly active users",
        unit: "%",
        baseline: 10,
        target: 80,
        dueDate: "2027-06-30",
        position: g,
      })
      .returning({ id: goals.id })
      .get();
    for (let w = 0; w < 12; w++) {
      const day = new Date(Date.UTC(2026, 8, 1) + w * 7 * 86_400_000).toISOString().slice(0, 10);
      tx.insert(goalCheckins)
        .values({ goalId: id, value: 10 + w * (2 + g), date: day, comment: `Week ${w + 1}`, authorId })
        .run();
    }
  }
}

const CURRICULUM_MODULES = 20;

/**
 * Issue 12: a 20-module curriculum in the room under test (lessons, videos, quizzes of ten questions),
 * assigned to every customer, each of whom has progress on most modules and active time on each of 14 days.
 */
function addCurriculum(tx: Tx, roomId: string, customerIds: string[]) {
  const kinds = ["lesson", "video", "quiz"] as const;
  const today = new Date();
  for (let m = 0; m < CURRICULUM_MODULES; m++) {
    const kind = kinds[m % kinds.length]!;
    const moduleId = newId();
    const versionId = newId();
    const title = `Bench module ${m + 1}`;
    const content =
      kind === "lesson"
        ? {
            kind,
            doc: {
              type: "doc",
              content: Array.from({ length: 30 }, (_, i) => ({
                type: "paragraph",
                content: [{ type: "text", text: `Bench lesson ${m + 1}, paragraph ${i + 1}.` }],
              })),
            },
          }
        : kind === "video"
          ? { kind, source: { type: "youtube" as const, id: "dQw4w9WgXcQ" }, durationSeconds: 600 }
          : {
              kind,
              passScore: 80,
              maxAttempts: 0,
              questions: Array.from({ length: 10 }, (_, q) => ({
                id: `q${q}`,
                text: `Bench question ${q + 1}?`,
                kind: "single" as const,
                options: [0, 1, 2, 3].map((o) => ({ id: `o${o}`, text: `Option ${o + 1}` })),
                correct: ["o0"],
              })),
            };
    tx.insert(trainingModules)
      .values({ id: moduleId, kind, title, language: "en", currentVersionId: versionId })
      .run();
    tx.insert(trainingModuleVersions).values({ id: versionId, moduleId, number: 1, content }).run();
    const itemId = newId();
    tx.insert(roomTrainingItems)
      .values({
        id: itemId,
        roomId,
        moduleId,
        position: m,
        dueOffsetDays: 7 * (m + 1),
        audience: "all_customers",
      })
      .run();
    customerIds.forEach((userId, c) => {
      if ((m + c) % 5 === 4) return; // not opened yet
      const completed = (m + c) % 3 !== 0;
      tx.insert(trainingProgress)
        .values({
          itemId,
          userId,
          status: completed ? "completed" : "in_progress",
          moduleVersionId: versionId,
          readToEnd: completed && kind === "lesson",
          passed: completed && kind === "quiz",
          attempts: kind === "quiz" ? 2 : 0,
          bestScore: kind === "quiz" ? (completed ? 90 : 60) : null,
          watchedSegments: kind === "video" ? [[0, completed ? 600 : 200]] : [],
        })
        .run();
    });
  }
  const rows = [];
  for (const userId of customerIds)
    for (let d = 0; d < 14; d++) {
      const at = new Date(today.getTime() - d * 86_400_000);
      rows.push({
        roomId,
        userId,
        subjectKind: "page" as const,
        subjectId: "",
        day: at.toISOString().slice(0, 10),
        activeSeconds: 60 * (d + 1),
        spans: 2,
        firstAt: at,
        lastAt: at,
      });
    }
  tx.insert(engagementDays).values(rows).run();
}

/**
 * The plan of the room under test: 300 tasks in 10 phases (a dependency chain per phase, a quarter done,
 * one in eight internal, some overdue), 20 milestones of 5 required tasks each, and 2,000 more events.
 */
function addLargePlan(
  tx: Tx,
  roomId: string,
  accountId: string,
  customerId: string,
): { events: number; writable: { id: string; version: number }[] } {
  const kickoff = "2026-09-01";
  const day = (offset: number) =>
    new Date(Date.parse(`${kickoff}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  const assignee = tx
    .insert(stakeholders)
    .values({
      roomId,
      name: "Bench Customer",
      side: "customer",
      responsibility: "customer_admin",
      userId: customerId,
    })
    .returning({ id: stakeholders.id })
    .get().id;
  const taskIds: string[] = [];
  /** Shared customer or joint tasks not done: the member may move them between todo and in progress. */
  const writable: { id: string; version: number }[] = [];
  for (let p = 0; p < PLAN_PHASES; p++) {
    const phaseId = tx
      .insert(phases)
      .values({ roomId, title: `Phase ${p + 1}`, position: p })
      .returning({ id: phases.id })
      .get().id;
    for (let i = 0; i < PLAN_TASKS / PLAN_PHASES; i++) {
      const n = taskIds.length;
      const start = n;
      const done = n % 4 === 0;
      const id = tx
        .insert(tasks)
        .values({
          roomId,
          phaseId,
          title: `Bench task ${n + 1}`,
          side: (["vendor", "customer", "joint"] as const)[n % 3],
          assigneeId: n % 2 === 0 ? assignee : null,
          startDate: day(start),
          dueDate: day(start + 3 + (n % 7)),
          status: done ? "done" : n % 5 === 0 ? "in_progress" : "todo",
          completedAt: done ? new Date(Date.parse(`${day(start + 3)}T09:00:00Z`)) : null,
          visibility: n % 8 === 0 ? "internal" : "shared",
          position: n,
        })
        .returning({ id: tasks.id })
        .get().id;
      if (n % 3 !== 0 && n % 8 !== 0 && !done) writable.push({ id, version: 1 });
      if (i > 0)
        tx.insert(taskDependencies)
          .values({ taskId: id, dependsOnId: taskIds[n - 1]! })
          .run();
      taskIds.push(id);
    }
  }
  for (let m = 0; m < PLAN_MILESTONES; m++) {
    const date = day(15 * (m + 1));
    const id = tx
      .insert(milestones)
      .values({
        roomId,
        title: `Milestone ${m + 1}`,
        targetDate: date,
        baselineDate: date,
        isFirstValue: m === 9,
        position: m,
      })
      .returning({ id: milestones.id })
      .get().id;
    for (let k = 0; k < 5; k++)
      tx.insert(milestoneTasks)
        .values({ milestoneId: id, taskId: taskIds[m * 15 + k]! })
        .run();
  }
  const planEvents = Array.from({ length: PLAN_EVENTS }, (_, i) => ({
    at: new Date(Date.parse(`${kickoff}T00:00:00Z`) + i * 3_600_000),
    actorId: customerId,
    accountId,
    roomId,
    type: i % 3 === 0 ? "task.completed" : "task.status_changed",
    subjectType: "task",
    subjectId: taskIds[i % taskIds.length]!,
    data: {
      title: `Bench task ${(i % taskIds.length) + 1}`,
      from: "todo",
      to: "in_progress",
      visibility: "shared",
    },
  }));
  for (let i = 0; i < planEvents.length; i += 500)
    tx.insert(events)
      .values(planEvents.slice(i, i + 500))
      .run();
  return { events: planEvents.length, writable };
}

// --- Server process ---------------------------------------------------------------------------------

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A held meeting in the bench room whose shared notes are 200 paragraphs (with decisions and items). */
function longMeeting(tx: Tx, roomId: string): string {
  const content = Array.from({ length: 200 }, (_, i) => ({
    type: "paragraph",
    content: [
      { type: "text", text: `Bench paragraph ${i}: what was discussed, agreed and still open in this part.` },
    ],
  }));
  const meeting = tx
    .insert(meetings)
    .values({
      roomId,
      type: "regular",
      title: "Bench regular meeting",
      startsAt: new Date(Date.now() - 86_400_000),
      durationMinutes: 60,
      sharedNotes: { type: "doc", content },
      internalNotes: { type: "doc", content: content.slice(0, 20) },
    })
    .returning({ id: meetings.id })
    .get();
  for (let i = 0; i < 10; i++) {
    tx.insert(meetingDecisions)
      .values({ meetingId: meeting.id, text: `Bench decision ${i}`, position: i })
      .run();
    tx.insert(actionItems)
      .values({ roomId, meetingId: meeting.id, text: `Bench action item ${i}`, position: i })
      .run();
  }
  return meeting.id;
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `the server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output()}`,
      );
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`the server did not answer /healthz within 30 s:\n${output()}`);
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 12_000);
  await exited;
  clearTimeout(timer);
}

/**
 * CPU time (user + system) the process has used so far, in ms; null where /proc is missing. Unlike
 * throughput, CPU per request hardly moves when other processes compete for the cores.
 */
function cpuMsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/** Resident set size of a process in bytes (Linux /proc, else ps). */
async function rssOf(pid: number): Promise<number> {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    // not Linux: fall back to ps
  }
  return new Promise((done) =>
    execFile("ps", ["-o", "rss=", "-p", String(pid)], (error, stdout) =>
      done(error ? 0 : Number(stdout.trim()) * 1024),
    ),
  );
}

function sampleRss(pid: number) {
  let peak = 0;
  let pending = false;
  const take = () => {
    if (pending) return;
    pending = true;
    void rssOf(pid)
      .then((rss) => {
        peak = Math.max(peak, rss);
      })
      .finally(() => {
        pending = false;
      });
  };
  take();
  const timer = setInterval(take, RSS_SAMPLE_MS);
  return {
    stop: async () => {
      clearInterval(timer);
      peak = Math.max(peak, await rssOf(pid));
      return peak;
    },
  };
}

type Server = { child: ChildProcess; baseUrl: string; pid: number; output: () => string };

// --- Load -------------------------------------------------------------------------------------------

/**
 * What Chromium sends with a page navigation. A browser always offers compression, so the server
 * compresses every page it sends to one: "plain" (no Accept-Encoding, the way the bench measured before)
 * leaves that cost out.
 */
const BROWSER_HEADERS: Record<string, string> = {
  accept:
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8," +
    "application/signed-exchange;v=b3;q=0.7",
  "accept-encoding": "gzip, deflate, br",
  "accept-language": "ja,en-US;q=0.9,en;q=0.8",
  "user-agent":
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
};
type Way = "plain" | "browser";
const WAYS: Way[] = ["plain", "browser"];

type Target = {
  name: string;
  path: string;
  cookie?: string;
  expect: RegExp;
  /** A page that may not exist in this build: a 404 reports it missing instead of failing the bench. */
  optional?: boolean;
};

/** The route modules a page loads below the root, outermost first (files under app/routes). */
const ROUTE_FILES: Record<string, string[]> = {
  signin: ["sign-in.tsx"],
  portfolio: ["portfolio.tsx"],
  room: ["rooms.$roomId.tsx", "rooms.$roomId._index.tsx"],
  plan: ["rooms.$roomId.tsx", "rooms.$roomId.plan.tsx"],
  timeline: ["rooms.$roomId.tsx", "rooms.$roomId.timeline.tsx"],
  meeting: ["rooms.$roomId.tsx", "rooms.$roomId.meetings.$meetingId.tsx"],
  team: ["rooms.$roomId.tsx", "rooms.$roomId.team.tsx"],
  goals: ["rooms.$roomId.tsx", "rooms.$roomId.goals.tsx"],
};

type ViteChunk = {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
};

/**
 * JavaScript bytes per page, raw and gzipped (zlib's default level, as the server's compression sends
 * them), from the build's Vite manifest (build/.vite/client-manifest.json, where Remix moves
 * build/client/.vite/manifest.json; vite.config.ts keeps it). "entry" is what every page loads: the client
 * entry and the root route with their static imports, counted once. Each page adds its route modules
 * (the room layout and the page) with their static imports, less what the entry already loads. The
 * strings are one language's translations, which the entry loads by dynamic import.
 */
function jsPerRoute(routes: Record<string, string[]>): string {
  const candidates = [
    join(root, "build/.vite/client-manifest.json"),
    join(root, "build/client/.vite/manifest.json"),
  ];
  const path = candidates.find((p) => existsSync(p));
  if (!path)
    return "JavaScript per route: no Vite manifest in build/ (is build.manifest on in vite.config.ts?)\n";
  const manifest = JSON.parse(readFileSync(path, "utf8")) as Record<string, ViteChunk>;
  const key = (file: string) =>
    [`${file}?__remix-build-client-route`, file].find((k) => manifest[k] !== undefined) ?? null;
  const closure = (keys: string[], into = new Set<string>()) => {
    for (const k of keys) {
      if (into.has(k) || !manifest[k]) continue;
      into.add(k);
      closure(manifest[k].imports ?? [], into);
    }
    return into;
  };
  const sizes = new Map<string, { raw: number; gzip: number }>();
  const size = (keys: Iterable<string>) => {
    let raw = 0;
    let gzip = 0;
    for (const k of keys) {
      const file = manifest[k]!.file;
      if (!file.endsWith(".js")) continue;
      let s = sizes.get(file);
      if (!s) {
        const bytes = readFileSync(join(root, "build/client", file));
        s = { raw: bytes.length, gzip: gzipSync(bytes).length };
        sizes.set(file, s);
      }
      raw += s.raw;
      gzip += s.gzip;
    }
    return { raw, gzip };
  };
  const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry && k.includes("entry.client"));
  const entry = closure([entryKey, key("app/root.tsx")].filter((k): k is string => !!k));
  const kb = (n: number) => (n / 1024).toFixed(1).padStart(8);
  const row = (name: string, files: number | string, s?: { raw: number; gzip: number }) =>
    `${name.padEnd(12)} ${s ? `${kb(s.raw)} ${kb(s.gzip)}` : `${"—".padStart(8)} ${"—".padStart(8)}`}  ${files}\n`;
  let out =
    `JavaScript per route (${path.slice(root.length + 1)}; KB raw / gzip):\n` +
    `${"route".padEnd(12)} ${"raw".padStart(8)} ${"gzip".padStart(8)}  files\n` +
    row("entry", entry.size, size(entry));
  for (const locale of ["ja", "en"]) {
    const strings = key(`app/i18n/locales/${locale}/app.json`);
    if (strings)
      out += row(`strings ${locale}`, "one language per page, loaded by the entry", size([strings]));
  }
  for (const [name, files] of Object.entries(routes)) {
    const keys = files.map((f) => key(`app/routes/${f}`));
    if (keys.some((k) => k === null)) {
      out += row(
        name,
        `missing: ${files.filter((_, i) => keys[i] === null).join(", ")} is not in this build`,
      );
      continue;
    }
    const own = [...closure(keys as string[])].filter((k) => !entry.has(k));
    const s = size(own);
    out += row(name, own.length, s);
    out += row(`  + entry`, "what the page costs on a first visit", {
      raw: s.raw + size(entry).raw,
      gzip: s.gzip + size(entry).gzip,
    });
  }
  return out;
}
type Measurement = {
  name: string;
  way: Way;
  rps: number;
  p50: number;
  p99: number;
  peakRss: number;
  /** Server CPU ms per request during the measured run. */
  cpuPerRequest: number | null;
  /** Bytes on the wire per response (headers and body, compressed when the way asks for it). */
  bytesPerResponse: number;
  requests: number;
  problems: string[];
};

/** One autocannon run; latencies come from its response events, exact where its histogram keeps whole ms. */
function cannon(
  url: string,
  headers: Record<string, string>,
  duration: number,
  extra: { connections?: number; requests?: SequenceRequest[]; overallRate?: number } = {},
) {
  const latencies: number[] = [];
  return new Promise<{ result: AutocannonResult; latencies: number[] }>((done, fail) => {
    const instance = autocannon(
      { url, connections: extra.connections ?? CONNECTIONS, pipelining: 1, duration, headers, ...extra },
      (error, result) => (error ? fail(error) : done({ result, latencies })),
    );
    instance.on("response", (_client: unknown, status: number, _bytes: number, time: number) => {
      if (status >= 200 && status < 400) latencies.push(time);
    });
  });
}

/** Percentile of sorted values (nearest rank). */
const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;

const cookieHeader = (token: string) => `${COOKIE_NAME}=${encodeURIComponent(token)}`;

/** Status codes other than 2xx, as "404×3, 500×1". */
const codes = (r: AutocannonResult, bad: (code: number) => boolean) =>
  Object.entries(r.statusCodeStats)
    .filter(([code]) => bad(Number(code)))
    .map(([code, { count }]) => `${code}×${count}`)
    .join(", ");

async function load(baseUrl: string, pid: number, target: Target, way: Way): Promise<Measurement> {
  const url = `${baseUrl}${target.path}`;
  const headers: Record<string, string> = {
    ...(way === "browser" ? BROWSER_HEADERS : {}),
    ...(target.cookie ? { cookie: cookieHeader(target.cookie) } : {}),
  };

  // A redirect here means the session was not accepted; anything but 200 makes the numbers meaningless.
  const check = await fetch(url, { headers, redirect: "manual" });
  const body = await check.text();
  if (check.status !== 200)
    throw new Error(
      `${target.name}: GET ${target.path} answered ${check.status}` +
        (check.headers.get("location") ? ` → ${check.headers.get("location")}` : "") +
        (target.cookie ? " (was the session cookie refused?)" : ""),
    );
  if (!target.expect.test(body))
    throw new Error(`${target.name}: GET ${target.path} answered 200 without ${target.expect}`);

  const rss = sampleRss(pid);
  let peakRss = 0;
  try {
    const warmup = await cannon(url, headers, WARMUP_SECONDS);
    const cpuBefore = cpuMsOf(pid);
    const { result, latencies } = await cannon(url, headers, DURATION_SECONDS);
    const cpuAfter = cpuMsOf(pid);
    const problems: string[] = [];
    for (const [phase, r] of [
      ["warm-up", warmup.result],
      ["load", result],
    ] as const) {
      if (r.non2xx > 0)
        problems.push(`${phase}: ${r.non2xx} non-2xx responses (${codes(r, (c) => c >= 300)})`);
      if (r.errors > 0) problems.push(`${phase}: ${r.errors} errors (${r.timeouts} timeouts)`);
    }
    latencies.sort((a, b) => a - b);
    peakRss = await rss.stop();
    return {
      name: target.name,
      way,
      rps: result.requests.average,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      peakRss,
      cpuPerRequest:
        cpuBefore !== null && cpuAfter !== null && latencies.length
          ? (cpuAfter - cpuBefore) / latencies.length
          : null,
      bytesPerResponse: result.requests.total ? result.throughput.total / result.requests.total : 0,
      requests: latencies.length,
      problems,
    };
  } finally {
    if (!peakRss) await rss.stop();
  }
}

/**
 * The mixed workload: MIXED_CONNECTIONS browsers (browser headers) read the room's pages, and about one
 * request in ten is a real form POST (a comment on a task, or a task's status moved between "to do" and
 * "in progress" with the version the form would carry), while `npm run jobs` processes run the health
 * recompute and the notification jobs against the same database file, one after the other, for the
 * whole run. Goal: no errors (every answer 2xx or 3xx, no socket errors).
 */
async function mixedWorkload(
  server: Server,
  databasePath: string,
  data: { roomId: string; csmToken: string; customerToken: string; writable: Dataset["writable"] },
): Promise<{ broken: boolean }> {
  const { baseUrl, pid } = server;
  const customer = { ...BROWSER_HEADERS, cookie: cookieHeader(data.customerToken) };
  const csm = { ...BROWSER_HEADERS, cookie: cookieHeader(data.csmToken) };
  const room = `/rooms/${data.roomId}`;
  const form = (headers: Record<string, string>) => ({
    ...headers,
    origin: baseUrl,
    "content-type": "application/x-www-form-urlencoded",
  });
  // A task is written by one connection at a time: it leaves the pool for the request and comes back
  // with the version the server now holds, so every status form names the current version.
  const pool = data.writable.map((t) => ({ ...t, status: "todo" as "todo" | "in_progress" }));
  const tasks = data.writable.map((t) => t.id);
  let nextTask = 0;
  let writes = 0;
  let writeFailures = 0;
  const failed: string[] = [];
  const read = (path: string, headers = customer): SequenceRequest => ({ method: "GET", path, headers });
  const taskPage = (): SequenceRequest => ({
    method: "GET",
    headers: customer,
    setupRequest: (request) => ({ ...request, path: `${room}/tasks/${tasks[nextTask++ % tasks.length]}` }),
  });
  const statusChange: SequenceRequest = {
    method: "POST",
    path: `${room}/plan`,
    headers: form(customer),
    setupRequest: (request, context) => {
      const task = pool.shift();
      if (!task) return read(`${room}/plan`);
      context.task = task;
      const to = task.status === "todo" ? "in_progress" : "todo";
      return {
        ...request,
        body: new URLSearchParams({
          intent: "status",
          taskId: task.id,
          status: to,
          blockedReason: "",
          version: String(task.version),
          // As the page's script posts it (an answer in place, 200); without it success is a 302 back.
          inPlace: "1",
        }).toString(),
      };
    },
    onResponse: (status, _body, context) => {
      const task = context.task as (typeof pool)[number] | undefined;
      if (!task) return;
      writes += 1;
      if (status === 200) {
        task.version += 1;
        task.status = task.status === "todo" ? "in_progress" : "todo";
      } else {
        writeFailures += 1;
        if (failed.length < 5) failed.push(`status change → ${status}`);
      }
      pool.push(task);
      context.task = undefined;
    },
  };
  const comment: SequenceRequest = {
    method: "POST",
    headers: form(customer),
    setupRequest: (request) => {
      const id = tasks[nextTask++ % tasks.length];
      return {
        ...request,
        path: `${room}/tasks/${id}`,
        body: new URLSearchParams({ intent: "comment", body: `Bench comment ${nextTask}` }).toString(),
      };
    },
    onResponse: (status) => {
      writes += 1;
      if (status >= 400) {
        writeFailures += 1;
        if (failed.length < 5) failed.push(`comment → ${status}`);
      }
    },
  };
  // Twenty requests per cycle, two of them writes: one in ten.
  const reads = [
    read(room),
    read(`${room}/plan`),
    read(`${room}/timeline`),
    taskPage(),
    read(`${room}/plan?mine=1`),
    read("/portfolio?scope=all", csm),
    read(room),
    read(`${room}/plan`),
    read(`${room}/activity`),
  ];
  // Each write early in its half, so that a short run on a busy machine still makes some.
  const requests = [reads[0]!, statusChange, ...reads.slice(1), reads[0]!, comment, ...reads.slice(1)];

  // The jobs, one process after the other, alternating, for as long as the load runs.
  let jobsRunning = true;
  let jobRuns = 0;
  const jobFailures: string[] = [];
  let current: ChildProcess | undefined;
  const jobs = (async () => {
    const names = ["health-recompute", "notifications"];
    while (jobsRunning) {
      const name = names[jobRuns % names.length]!;
      let output = "";
      const child = spawn(process.execPath, ["--import", "tsx", "scripts/jobs.ts", name], {
        cwd: root,
        env: {
          ...process.env,
          NODE_ENV: "production",
          DATABASE_PATH: databasePath,
          APP_URL: baseUrl,
          APP_SECRET: BENCH_SECRET,
          SMTP_URL: "",
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      current = child;
      child.stdout!.on("data", (c: Buffer) => (output = (output + c.toString()).slice(-2_000)));
      child.stderr!.on("data", (c: Buffer) => (output = (output + c.toString()).slice(-2_000)));
      const code = await new Promise<number | null>((done) => child.once("exit", (c) => done(c)));
      current = undefined;
      jobRuns += 1;
      if (code !== 0 && jobsRunning) jobFailures.push(`${name} exited ${code}: ${output.trim().slice(-300)}`);
    }
  })();

  const cpuBefore = cpuMsOf(pid);
  const rss = sampleRss(pid);
  let result: AutocannonResult;
  let latencies: number[];
  try {
    ({ result, latencies } = await cannon(baseUrl, {}, MIXED_SECONDS, {
      connections: MIXED_CONNECTIONS,
      requests,
    }));
  } finally {
    jobsRunning = false;
    await jobs.catch(() => undefined);
    current?.kill("SIGTERM");
  }
  const cpuAfter = cpuMsOf(pid);
  const peakRss = await rss.stop();
  latencies.sort((a, b) => a - b);
  const bad = codes(result, (c) => c < 200 || c >= 400);
  const badCount = Object.entries(result.statusCodeStats)
    .filter(([code]) => Number(code) < 200 || Number(code) >= 400)
    .reduce((n, [, { count }]) => n + count, 0);
  const errors = badCount + result.errors;
  process.stdout.write(
    `mixed        ${result.requests.average.toFixed(0).padStart(7)} req/s` +
      `  p50 ${percentile(latencies, 50).toFixed(2).padStart(6)} ms  p99 ${percentile(latencies, 99)
        .toFixed(2)
        .padStart(6)} ms` +
      `  peak RSS ${(peakRss / 1024 / 1024).toFixed(1).padStart(6)} MB` +
      `  server CPU ${
        cpuBefore !== null && cpuAfter !== null && latencies.length
          ? ((cpuAfter - cpuBefore) / latencies.length).toFixed(2).padStart(6)
          : "n/a"
      } ms/req  (${result.requests.total} requests, ${writes} writes, ${jobRuns} job runs)\n` +
      `mixed errors: ${errors} (${bad || "no"} bad statuses, ${result.errors} socket errors, ` +
      `${result.timeouts} timeouts; ${writeFailures} failed writes${failed.length ? `: ${failed.join("; ")}` : ""})` +
      ` (goal: 0)\n`,
  );
  for (const failure of jobFailures.slice(0, 3)) process.stdout.write(`             ! job ${failure}\n`);
  return { broken: errors > 0 || jobFailures.length > 0 };
}

// --- Heartbeats (issue 12) ---------------------------------------------------------------------------

const HEARTBEAT_VIEWERS = 200;
const HEARTBEAT_SECONDS = Number(process.env.BENCH_HEARTBEAT_DURATION ?? 15);
/**
 * 200 viewers send one heartbeat per 15 s each in real use (about 13 req/s). The load runs at 180 req/s,
 * 0.9 per viewer per second: under the per-person limit of 60 a minute, so every answer should be 204.
 */
const HEARTBEAT_RATE = 180;

/** 200 customer users with a session each and a room of theirs (each in a different room where possible). */
function heartbeatViewers(tx: Tx): { token: string; roomId: string }[] {
  const rows = tx
    .select({ userId: memberships.userId, roomId: memberships.roomId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(users.kind, "customer"))
    .all();
  const seen = new Set<string>();
  const picked: { userId: string; roomId: string }[] = [];
  for (const row of rows) {
    if (seen.has(row.userId)) continue;
    seen.add(row.userId);
    picked.push(row);
    if (picked.length === HEARTBEAT_VIEWERS) break;
  }
  return picked.map((p) => ({ token: createSession(tx, p.userId), roomId: p.roomId }));
}

/**
 * HEARTBEAT_VIEWERS connections, one per signed-in viewer, each posting heartbeats of its own span (the
 * first opens it, the next add time): sustained requests per second, p99, and every answer must be 204.
 */
async function heartbeatLoad(server: Server, viewers: { token: string; roomId: string }[]) {
  const { baseUrl, pid } = server;
  let next = 0;
  const heartbeat: SequenceRequest = {
    method: "POST",
    setupRequest: (request, context) => {
      if (context.viewer === undefined) context.viewer = next++ % viewers.length;
      const viewer = viewers[context.viewer as number]!;
      return {
        ...request,
        path: `/rooms/${viewer.roomId}/heartbeat`,
        headers: {
          cookie: cookieHeader(viewer.token),
          origin: baseUrl,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({
          kind: "page",
          subject: "",
          span: `bench-span-${context.viewer as number}`,
        }).toString(),
      };
    },
  };
  const cpuBefore = cpuMsOf(pid);
  const rss = sampleRss(pid);
  const { result, latencies } = await cannon(baseUrl, {}, HEARTBEAT_SECONDS, {
    connections: viewers.length,
    requests: [heartbeat],
    overallRate: HEARTBEAT_RATE,
  });
  const cpuAfter = cpuMsOf(pid);
  const peakRss = await rss.stop();
  latencies.sort((a, b) => a - b);
  const other = codes(result, (c) => c !== 204);
  process.stdout.write(
    `heartbeats   ${result.requests.average.toFixed(0).padStart(7)} req/s` +
      `  p50 ${percentile(latencies, 50).toFixed(2).padStart(6)} ms  p99 ${percentile(latencies, 99)
        .toFixed(2)
        .padStart(6)} ms` +
      `  peak RSS ${(peakRss / 1024 / 1024).toFixed(1).padStart(6)} MB` +
      `  server CPU ${
        cpuBefore !== null && cpuAfter !== null && latencies.length
          ? ((cpuAfter - cpuBefore) / latencies.length).toFixed(2).padStart(6)
          : "n/a"
      } ms/req  (${viewers.length} viewers, ${result.requests.total} requests; ` +
      `answers other than 204: ${other || "none"}, ${result.errors} socket errors)\n`,
  );
  return { broken: !!other || result.errors > 0 || viewers.length < HEARTBEAT_VIEWERS };
}

// --- Main -------------------------------------------------------------------------------------------

/** The built server on a database of the bench's, as a separate process (so its RSS and CPU are its own). */
async function startServer(databasePath: string): Promise<Server> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_PATH: databasePath,
      APP_URL: baseUrl,
      APP_SECRET: BENCH_SECRET,
      LOG_LEVEL: "warn",
      SMTP_URL: "",
      // The bench measures pages: the background health pass is measured on its own below, and the
      // relay would otherwise spend the run rendering the alert emails the health dataset queued.
      HEALTH_INTERVAL_MS: String(24 * 3600_000),
      OUTBOX_INTERVAL_MS: String(24 * 3600_000),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  await waitForHealth(baseUrl, child, () => output);
  return { child, baseUrl, pid: child.pid!, output: () => output };
}

function printed(m: Measurement): Measurement {
  const line =
    `${m.name.padEnd(12)} ${m.way.padEnd(7)} ${m.rps.toFixed(0).padStart(7)} req/s` +
    `  p50 ${m.p50.toFixed(2).padStart(6)} ms  p99 ${m.p99.toFixed(2).padStart(6)} ms` +
    `  peak RSS ${(m.peakRss / 1024 / 1024).toFixed(1).padStart(6)} MB` +
    `  server CPU ${m.cpuPerRequest === null ? "n/a" : m.cpuPerRequest.toFixed(2).padStart(6)} ms/req` +
    `  ${(m.bytesPerResponse / 1024).toFixed(1).padStart(6)} KB/resp  (${m.requests} requests)`;
  process.stdout.write(`${line}\n`);
  for (const problem of m.problems) process.stdout.write(`             ! ${problem}\n`);
  return m;
}

let healthServer: ChildProcess | undefined;

/**
 * Issue 4's figures: 5,000 rooms (40 tasks, 10 milestones, 500 events each). The health passes run in
 * this process on the bench's database (full recompute = the daily job over every room; incremental =
 * one room right after an event); then the built server serves the portfolio of all 5,000 rooms to an
 * admin, against the sign-in page.
 */
async function benchHealth(dir: string): Promise<{ broken: boolean }> {
  const databasePath = join(dir, "health.db");
  let started = Date.now();
  const db = openDatabase(databasePath);
  migrateDatabase(db);
  useDatabase(db);
  const data = generateHealthDataset(db);
  const adminToken = createSession(db, data.adminId);
  db.$client.exec("analyze");
  log(
    `health dataset: ${HEALTH_ROOMS} rooms × (40 tasks, 10 milestones, 500 events) in ${Date.now() - started} ms`,
  );
  const m = measureRecompute(db, data, 1000);
  process.stdout.write(
    `health full recompute   first pass ${m.fullRoomsPerSecond} rooms/s (${m.fullMs} ms, opens every alert),` +
      ` steady ${m.steadyRoomsPerSecond} rooms/s (${m.steadyMs} ms)\n` +
      `health incremental      p50 ${m.incrementalP50.toFixed(2)} ms  p99 ${m.incrementalP99.toFixed(2)} ms` +
      ` (${m.samples} events, each followed by its room's recompute and commit)\n`,
  );
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  useDatabase(undefined);
  db.$client.close();

  started = Date.now();
  const server = await startServer(databasePath);
  healthServer = server.child;
  log(`server pid ${server.pid} ready on the health dataset in ${Date.now() - started} ms`);
  const results: Measurement[] = [];
  for (const way of WAYS) {
    results.push(
      printed(
        await load(server.baseUrl, server.pid, { name: "signin", path: "/sign-in", expect: /<form/ }, way),
      ),
      printed(
        await load(
          server.baseUrl,
          server.pid,
          { name: "portfolio5k", path: "/portfolio", cookie: adminToken, expect: /\/rooms\/[a-z0-9]{16}/ },
          way,
        ),
      ),
    );
  }
  await stopServer(server.child);
  healthServer = undefined;
  const ratio = (way: Way) =>
    (
      results.find((r) => r.way === way && r.name === "portfolio5k")!.rps /
      results.find((r) => r.way === way && r.name === "signin")!.rps
    ).toFixed(2);
  process.stdout.write(
    `health ratios: portfolio5k/signin=${ratio("browser")} (plain ${ratio("plain")})` +
      ` (goals: full recompute >= 2000 rooms/s, incremental p99 <= 5 ms, portfolio >= 0.4)\n`,
  );
  return { broken: results.some((r) => r.problems.length > 0) };
}

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "launchroom-bench-"));
  let child: ChildProcess | undefined;
  let server: Server;
  const cleanup = async () => {
    if (child) await stopServer(child);
    if (healthServer) await stopServer(healthServer);
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = () => {
    void cleanup().finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    if (!existsSync(join(root, "build/server/index.js")))
      throw new Error("build/server/index.js is missing: run `npm run build` first (`npm run bench` does)");
    process.stdout.write(jsPerRoute(ROUTE_FILES));
    const databasePath = join(dir, "bench.db");
    let started = Date.now();
    const db = openDatabase(databasePath);
    migrateDatabase(db);
    const { dataset, csmToken, customerToken, meetingId, viewers } = writeTransaction(db, (tx) => {
      const dataset = generate(tx);
      return {
        dataset,
        meetingId: longMeeting(tx, dataset.roomId),
        csmToken: createSession(tx, dataset.csmId),
        customerToken: createSession(tx, dataset.customerId),
        viewers: heartbeatViewers(tx),
      };
    });
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    db.$client.exec("analyze");
    db.$client.close();
    log(
      `dataset: ${ACCOUNTS} accounts/rooms, ${dataset.users} users, ${ACCOUNTS * (CUSTOMERS_PER_ROOM + 1)} ` +
        `memberships, ${dataset.events} events in ${Date.now() - started} ms`,
    );

    started = Date.now();
    server = await startServer(databasePath);
    child = server.child;
    const { baseUrl, pid } = server;
    log(`server pid ${pid} ready on ${baseUrl} in ${Date.now() - started} ms`);

    const targets: Target[] = [
      { name: "healthz", path: "/healthz", expect: /"status":"ok"/ },
      { name: "signin", path: "/sign-in", expect: /<form/ },
      { name: "portfolio", path: "/portfolio?scope=all", cookie: csmToken, expect: /\/rooms\/[a-z0-9]{16}/ },
      { name: "room", path: `/rooms/${dataset.roomId}`, cookie: customerToken, expect: /<h1/ },
      {
        name: "plan",
        path: `/rooms/${dataset.roomId}/plan`,
        cookie: customerToken,
        expect: /Bench task 2\b/,
      },
      { name: "timeline", path: `/rooms/${dataset.roomId}/timeline`, cookie: customerToken, expect: /<svg/ },
      {
        // A meeting with long minutes: 200 paragraphs of shared notes, rendered statically.
        name: "meeting",
        path: `/rooms/${dataset.roomId}/meetings/${meetingId}`,
        cookie: customerToken,
        expect: /Bench paragraph 199\b/,
        optional: true,
      },
      {
        name: "team",
        path: `/rooms/${dataset.roomId}/team`,
        cookie: customerToken,
        expect: /<h1/,
        optional: true,
      },
      {
        name: "goals",
        path: `/rooms/${dataset.roomId}/goals`,
        cookie: customerToken,
        expect: /Bench goal 8/,
        optional: true,
      },
      // Issue 12: the customer's training page and the CSM's person × module matrix, 20 modules.
      {
        name: "training",
        path: `/rooms/${dataset.roomId}/training`,
        cookie: customerToken,
        expect: /Bench module 20\b/,
        optional: true,
      },
      {
        name: "trainingProgress",
        path: `/rooms/${dataset.roomId}/training/progress`,
        cookie: csmToken,
        expect: /Bench module 20\b/,
        optional: true,
      },
    ];
    log(
      `autocannon: ${CONNECTIONS} connections, no pipelining, ${WARMUP_SECONDS} s warm-up + ` +
        `${DURATION_SECONDS} s per target`,
    );

    const results: Measurement[] = [];
    const missing = new Set<string>();
    // BENCH_ONLY=training,heartbeats: only these targets (and "heartbeats": the heartbeat load), e.g. to
    // measure one part again; no ratios, mixed workload or health pass then.
    const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(",")) : null;
    if (only) {
      let broken = false;
      for (const target of targets.filter((t) => only.has(t.name)))
        for (const way of WAYS) broken ||= printed(await load(baseUrl, pid, target, way)).problems.length > 0;
      if (only.has("heartbeats")) broken ||= (await heartbeatLoad(server, viewers)).broken;
      await stopServer(child);
      child = undefined;
      return broken ? 1 : 0;
    }
    for (const target of targets) {
      if (target.optional) {
        const status = (
          await fetch(`${baseUrl}${target.path}`, {
            headers: target.cookie ? { cookie: cookieHeader(target.cookie) } : {},
            redirect: "manual",
          })
        ).status;
        if (status === 404) {
          missing.add(target.name);
          process.stdout.write(
            `${target.name.padEnd(12)} missing: GET ${target.path} answered 404 on this build\n`,
          );
          continue;
        }
      }
      for (const way of WAYS) results.push(printed(await load(baseUrl, pid, target, way)));
    }
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the server died during the benchmark:\n${server.output()}`);

    const rps = (name: string, way: Way) => results.find((r) => r.name === name && r.way === way)!.rps;
    const ratios = (way: Way) =>
      ["portfolio", "room", "plan", "timeline", "team", "goals", "training", "trainingProgress"]
        .filter((name) => !missing.has(name))
        .map((name) => `${name}/signin=${(rps(name, way) / rps("signin", way)).toFixed(2)}`)
        .join(" ");
    let broken = results.some((r) => r.problems.length > 0);
    if (broken) log("some targets had errors or non-2xx responses under load: the numbers are not valid");
    process.stdout.write(
      `ratios (browser): ${ratios("browser")}` +
        ` (goals: portfolio, room >= 0.5; plan, timeline >= 0.4)\n` +
        `ratios (plain):   ${ratios("plain")}\n`,
    );

    log(
      `mixed workload: ${MIXED_CONNECTIONS} connections for ${MIXED_SECONDS} s, one request in ten a write, ` +
        "`npm run jobs` beside it",
    );
    const mixed = await mixedWorkload(server, databasePath, {
      roomId: dataset.roomId,
      csmToken,
      customerToken,
      writable: dataset.writable,
    });
    broken ||= mixed.broken;
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the server died during the mixed workload:\n${server.output()}`);
    log(
      `heartbeats: ${HEARTBEAT_VIEWERS} signed-in viewers posting active-time heartbeats for ` +
        `${HEARTBEAT_SECONDS} s, paced at ${HEARTBEAT_RATE} req/s in all`,
    );
    broken ||= (await heartbeatLoad(server, viewers)).broken;
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the server died during the heartbeat load:\n${server.output()}`);
    await stopServer(child);
    child = undefined;

    if (process.env.BENCH_HEALTH === "0") return broken ? 1 : 0;

    const health = await benchHealth(dir);
    return broken || health.broken ? 1 : 0;
  } finally {
    await cleanup();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : error}\n`,
    );
    process.exit(1);
  },
);
