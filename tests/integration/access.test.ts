import type { ServerBuild } from "@remix-run/node";
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StaffUser } from "~/access/users";
import { addField, attachToTask, createLibraryForm } from "~/domain/forms/forms.server";
import type { Db } from "#db/client.server";
import { addMember, makeCustomer, makeStaff } from "#db/factories";
import { useDatabase } from "#db/client.server";
import {
  accounts,
  documentFolders,
  documents,
  formFields,
  formResponses,
  forms,
  actionItems,
  calendarFeeds,
  comments,
  engagementDays,
  handoffMessages,
  handoffs,
  goalCheckins,
  goals,
  healthAlerts,
  healthConfigs,
  healthPulses,
  milestoneRatings,
  milestoneSignOffs,
  outbox,
  invitations,
  meetingAgendaTemplates,
  meetingDecisions,
  meetings,
  memberships,
  milestones,
  notificationPreferences,
  phases,
  planTemplates,
  raciAssignments,
  reportSchedules,
  reviewFindings,
  reviews,
  rooms,
  stakeholders,
  statusReports,
  tasks,
  templatePhases,
  templateRaci,
  learningPaths,
  roomTrainingItems,
  trainingModules,
  trainingProgress,
  users,
  workspaceSettings,
} from "#db/schema";
import { addItem, addPathToRoom, listItems } from "~/domain/training/curriculum.server";
import { changePath, createModule, createPath } from "~/domain/training/library.server";
import { reportLesson } from "~/domain/training/progress.server";
import { textToRichText } from "~/domain/richtext/richtext";
import { TEAM_ROLES } from "~/vocabulary";
import { buildStatusReport } from "~/domain/reports/build";
import { DEFAULT_HEALTH_CONFIG } from "~/domain/health/model";
import { configFields } from "~/domain/health/settings.server";
import { createPlanFromTemplate } from "~/domain/plan/plan.server";
import { getRoomAccess } from "~/domain/rooms/access.server";
import { scheduleMeeting } from "~/domain/meetings/meetings.server";
import { uploadDocument } from "~/domain/documents/documents.server";
import { blobStore, sha256Hex } from "~/domain/files/store.server";
import { Client, startTestApp, type TestApp } from "../helpers/app-server";
import { storeTestImage } from "../helpers/files";
import { addAttendees, makeStakeholder } from "../helpers/meetings";
import {
  createTestDatabase,
  makeInvitation,
  seedTwoTenants,
  sessionCount,
  signInAs,
  type TestDatabase,
  type TwoTenants,
} from "../helpers/fixtures";

// Every route of the build, requested by every kind of user with every method it supports. The table
// below must name each route of the manifest: a new route fails this file until its access rules are
// written down here.

const PERSONAS = [
  "anon",
  "admin",
  "csmA",
  "csmIdle",
  "salesA",
  "customerAdminA",
  "memberA",
  "viewerA",
  "customerB",
] as const;
type Persona = (typeof PERSONAS)[number];

/** A status, the redirect to /sign-in with the request's path as redirectTo, or a redirect elsewhere. */
type Outcome = 200 | 204 | 400 | 403 | 404 | "sign-in" | { to: string | RegExp };
type Matrix = Record<Persona, Outcome>;

type PostCase = {
  label: string;
  /**
   * Builds a fresh form per request (so an allowed request cannot disturb the next one) and tells whether
   * its effect happened. The effect must happen exactly when the outcome is a success (200 or a redirect
   * other than to /sign-in).
   */
  prepare(w: TwoTenants, db: Db, n: number): { form: Record<string, string>; effect?: () => boolean };
  expect: Matrix;
};

type RouteSpec = {
  /** The full URL pattern, as computed from the manifest. */
  pattern: string;
  /** Text a successful GET must show: proves the "must not contain" checks look at the right page. */
  shows?: (w: TwoTenants) => string;
  GET?: Matrix;
  POST?: PostCase[];
  /** What POSTs add to the path: "?index" for an index route (a document post to its path is the layout's). */
  postSearch?: string;
};

const SIGN_IN = "sign-in" as const;
const to = (path: string | RegExp) => ({ to: path });

const ROOM_A_VIEW: Matrix = {
  anon: SIGN_IN,
  admin: 200,
  csmA: 200,
  csmIdle: 200,
  salesA: 200,
  customerAdminA: 200,
  memberA: 200,
  viewerA: 200,
  customerB: 404,
};
const ADMIN_ONLY: Matrix = {
  anon: SIGN_IN,
  admin: 200,
  csmA: 403,
  csmIdle: 403,
  salesA: 403,
  customerAdminA: 403,
  memberA: 403,
  viewerA: 403,
  customerB: 403,
};
/** Plan templates: admins and CSMs. */
const TEMPLATE_MANAGERS: Matrix = { ...ADMIN_ONLY, csmA: 200, csmIdle: 200 };
const EVERYONE = (outcome: Outcome): Matrix =>
  Object.fromEntries(PERSONAS.map((p) => [p, outcome])) as Matrix;
/** Room A members management: owners and collaborators only. */
const ROOM_A_MANAGE: Matrix = {
  anon: SIGN_IN,
  admin: 200,
  csmA: 200,
  csmIdle: 200,
  salesA: 403,
  customerAdminA: 403,
  memberA: 403,
  viewerA: 403,
  customerB: 404,
};

/** Changing the status of a shared customer-side task: vendor roles and customer admins/members. */
const ROOM_A_TASK_STATUS: Matrix = { ...ROOM_A_MANAGE, customerAdminA: 200, memberA: 200 };
/**
 * The status form posted without JavaScript: allowed, it redirects back to the page at the task's anchor
 * with the notice (tests/integration/room-home.test.ts checks the answer to a fetcher).
 */
const statusRedirect = (location: RegExp): Matrix =>
  Object.fromEntries(
    Object.entries(ROOM_A_TASK_STATUS).map(([persona, outcome]) => [
      persona,
      outcome === 200 ? to(location) : outcome,
    ]),
  ) as Matrix;
/** A status change of room A's shared customer task, based on its current version. */
const sharedTaskStatus = (db: Db, n: number) => {
  const task = db.select().from(tasks).where(eq(tasks.id, planA.sharedTask.id)).get()!;
  return {
    form: {
      intent: "status",
      taskId: task.id,
      status: n % 2 ? "in_progress" : "todo",
      version: String(task.version),
    },
    effect: () => db.select().from(tasks).where(eq(tasks.id, task.id)).get()!.version > task.version,
  };
};
const ROOM_A_STAKEHOLDERS: Matrix = { ...ROOM_A_MANAGE, customerAdminA: 200 };
/** Setting a RACI cell: vendor roles anywhere, customer admins in their side's columns of shared rows. */
const ROOM_A_RACI: Matrix = { ...ROOM_A_MANAGE, customerAdminA: 200 };
/**
 * A fresh person of room A's team (of `side`) and a RACI row of room A (its first phase, or a fresh
 * internal deliverable), with the effect "the person's cell on the row is C".
 */
const raciCase = (
  w: TwoTenants,
  db: Db,
  n: number,
  side: "vendor" | "customer",
  row: "phase" | "internalTask",
) => {
  const person = db
    .insert(stakeholders)
    .values({ roomId: w.roomA.id, name: `Raci Person ${n}`, side })
    .returning()
    .get();
  const phase = db.select().from(phases).where(eq(phases.roomId, w.roomA.id)).get()!;
  const subject =
    row === "phase"
      ? { subjectType: "phase", subjectId: phase.id }
      : {
          subjectType: "task",
          subjectId: db
            .insert(tasks)
            .values({
              roomId: w.roomA.id,
              phaseId: phase.id,
              title: `Internal deliverable ${n}`,
              side: "vendor",
              visibility: "internal",
              isDeliverable: true,
              position: 900 + n,
            })
            .returning()
            .get().id,
        };
  return {
    form: { ...subject, stakeholderId: person.id },
    effect: () =>
      db
        .select()
        .from(raciAssignments)
        .where(and(eq(raciAssignments.stakeholderId, person.id), eq(raciAssignments.letter, "C")))
        .all().length === 1,
  };
};
/** An old tab's URL: the room's people are sent to the Team tab; outsiders get what the room gives them. */
const TO_TEAM: Matrix = Object.fromEntries(
  Object.entries(ROOM_A_VIEW).map(([p, o]) => [p, o === 200 ? to("/rooms/:roomA/team") : o]),
) as Matrix;
/** Commenting: everyone in the room but read-only viewers (the account's salesperson may comment). */
const ROOM_A_COMMENT: Matrix = { ...ROOM_A_VIEW, viewerA: 403 };
/** The health panel: vendor staff of the room and the account's salesperson; never customers. */
const ROOM_A_HEALTH_VIEW: Matrix = { ...ROOM_A_MANAGE, salesA: 200 };
/** A fresh open alert in room A (rule names are free text, so each request gets its own). */
const openAlertOfA = (db: Db, w: TwoTenants, n: number) =>
  db
    .insert(healthAlerts)
    .values({ roomId: w.roomA.id, rule: `test-${n}`, severity: "warning", facts: {}, openedAt: new Date() })
    .returning()
    .get();
/** Room A's own welcome note as stored. */
const roomWelcome = (db: Db, w: TwoTenants) =>
  db.select({ note: rooms.welcomeNote }).from(rooms).where(eq(rooms.id, w.roomA.id)).get()!.note;
/** The account's sales handoff: staff of the account (sales of it included); customers get 404. */
const HANDOFF_VIEW: Matrix = {
  anon: SIGN_IN,
  admin: 200,
  csmA: 200,
  csmIdle: 200,
  salesA: 200,
  customerAdminA: 404,
  memberA: 404,
  viewerA: 404,
  customerB: 404,
};
/** The post-onboarding review: vendor staff of the room and the account's salesperson; customers get 404. */
const REVIEW_VIEW: Matrix = { ...HANDOFF_VIEW };
/** Room A's review (started once), for the review's forms. */
const reviewOfA = (db: Db, w: TwoTenants) =>
  db.select().from(reviews).where(eq(reviews.roomId, w.roomA.id)).get() ??
  db.insert(reviews).values({ roomId: w.roomA.id, startedAt: new Date(), answers: {} }).returning().get();
/** A fresh finding of room A proposing a new milestone for the template. */
const proposalOfA = (db: Db, w: TwoTenants, n: number) =>
  db
    .insert(reviewFindings)
    .values({
      reviewId: reviewOfA(db, w).id,
      roomId: w.roomA.id,
      category: "onboarding",
      cost: "low",
      description: `Proposal ${n}`,
      templateId: w.templateId,
      proposalKind: "add_milestone",
      proposal: { title: `Milestone ${n}`, offsetDays: 10 },
      proposalStatus: "proposed",
    })
    .returning()
    .get();
/** Account A's handoff, replaced by a fresh one (submitted unless said otherwise) for each request. */
const freshHandoffA = (
  db: Db,
  w: TwoTenants,
  status: "draft" | "submitted" | null,
  email = "x@quokka.example",
) => {
  db.delete(handoffs).where(eq(handoffs.accountId, w.accountA.id)).run();
  if (!status) return null;
  return db
    .insert(handoffs)
    .values({
      accountId: w.accountA.id,
      status,
      productsBought: "Plan",
      submittedById: status === "submitted" ? w.salesA.id : null,
      people: [{ name: "Handoff Person", email, teamRole: "sponsor" }],
    })
    .returning()
    .get();
};
const handoffA = (db: Db, w: TwoTenants) =>
  db.select().from(handoffs).where(eq(handoffs.accountId, w.accountA.id)).get();

/** Counts rows before a request so an effect shows as growth, whoever made the request. */
/**
 * Room A's milestone made to require sign-off by customerAdminA (its customer-side A), open, with one
 * fresh waiting request; returns the request's id.
 */
function pendingSignOffOfA(w: TwoTenants, db: Db): string {
  const m = planA.milestone;
  db.update(milestones)
    .set({ completedAt: null, signOffRequired: true })
    .where(eq(milestones.id, m.id))
    .run();
  let approver = db.select().from(stakeholders).where(eq(stakeholders.userId, w.customerAdminA.id)).get();
  approver ??= db
    .insert(stakeholders)
    .values({
      roomId: w.roomA.id,
      name: w.customerAdminA.name,
      side: "customer",
      userId: w.customerAdminA.id,
    })
    .returning()
    .get();
  db.insert(raciAssignments)
    .values({
      roomId: w.roomA.id,
      subjectType: "milestone",
      subjectId: m.id,
      stakeholderId: approver.id,
      letter: "A",
    })
    .onConflictDoNothing()
    .run();
  db.update(milestoneSignOffs)
    .set({ decision: "changes_requested", decidedAt: new Date(), comment: "superseded" })
    .where(and(eq(milestoneSignOffs.milestoneId, m.id), isNull(milestoneSignOffs.decision)))
    .run();
  return db
    .insert(milestoneSignOffs)
    .values({ roomId: w.roomA.id, milestoneId: m.id, approverId: approver.id, requestedAt: new Date() })
    .returning()
    .get().id;
}

const grows = (rows: () => number) => {
  const before = rows();
  return () => rows() > before;
};

const ROUTES: Record<string, RouteSpec> = {
  "routes/_index": {
    pattern: "/",
    GET: {
      anon: to("/sign-in"),
      admin: to("/portfolio"),
      csmA: to("/portfolio"),
      csmIdle: to("/portfolio"),
      salesA: to("/portfolio"),
      customerAdminA: to("/rooms"),
      memberA: to("/rooms"),
      viewerA: to("/rooms"),
      customerB: to("/rooms"),
    },
  },
  "routes/rooms._index": {
    pattern: "/rooms",
    GET: {
      anon: SIGN_IN,
      admin: to("/portfolio"),
      csmA: to("/portfolio"),
      csmIdle: to("/portfolio"),
      salesA: to("/portfolio"),
      customerAdminA: to("/rooms/:roomA"),
      memberA: to("/rooms/:roomA"),
      viewerA: to("/rooms/:roomA"),
      customerB: to("/rooms/:roomB"),
    },
  },
  "routes/rooms.$roomId": { pattern: "/rooms/:roomId", shows: (w) => w.roomA.title, GET: ROOM_A_VIEW },
  "routes/rooms.$roomId._index": {
    pattern: "/rooms/:roomId",
    shows: (w) => w.roomA.title,
    GET: ROOM_A_VIEW,
    postSearch: "?index",
    POST: [
      {
        label: "intent=status (Done on the overview)",
        prepare: (_w, db, n) => sharedTaskStatus(db, n),
        expect: statusRedirect(/^\/rooms\/[^/?]+\?notice=plan\.notice\.statusChanged&task=[^#]+#task-/),
      },
    ],
  },
  "routes/rooms.$roomId.raci": {
    pattern: "/rooms/:roomId/raci",
    shows: () => "Kickoff and planning",
    GET: ROOM_A_VIEW,
    POST: [
      {
        label: "intent=setCell (a customer-side person on a shared phase)",
        prepare: (w, db, n) => {
          const cell = raciCase(w, db, n, "customer", "phase");
          return { form: { intent: "setCell", ...cell.form, letter: "C" }, effect: cell.effect };
        },
        expect: ROOM_A_RACI,
      },
      {
        label: "intent=setCell (a vendor-side person): never customers",
        prepare: (w, db, n) => {
          const cell = raciCase(w, db, n, "vendor", "phase");
          return { form: { intent: "setCell", ...cell.form, letter: "C" }, effect: cell.effect };
        },
        expect: { ...ROOM_A_RACI, customerAdminA: 403 },
      },
      {
        label: "intent=setCell (an internal deliverable): unknown to customers",
        prepare: (w, db, n) => {
          const cell = raciCase(w, db, n, "customer", "internalTask");
          return { form: { intent: "setCell", ...cell.form, letter: "C" }, effect: cell.effect };
        },
        expect: { ...ROOM_A_RACI, customerAdminA: 404 },
      },
      {
        label: "intent=setRow (no JavaScript)",
        prepare: (w, db, n) => {
          const cell = raciCase(w, db, n, "customer", "phase");
          return {
            form: {
              intent: "setRow",
              subjectType: cell.form.subjectType,
              subjectId: cell.form.subjectId,
              [`c.${cell.form.stakeholderId}`]: "C",
              [`e.${cell.form.stakeholderId}`]: "",
            },
            effect: cell.effect,
          };
        },
        expect: ROOM_A_RACI,
      },
    ],
  },
  "routes/rooms.$roomId_.raci.print": {
    pattern: "/rooms/:roomId/raci/print",
    shows: () => "Kickoff and planning",
    GET: ROOM_A_VIEW,
  },
  "routes/rooms.$roomId.raci[.csv]": {
    pattern: "/rooms/:roomId/raci.csv",
    shows: () => "Kickoff and planning",
    GET: ROOM_A_VIEW,
  },
  // Issue 12: active-time heartbeats, from everyone in the room; 204 and a new span counted.
  "routes/rooms.$roomId.heartbeat": {
    pattern: "/rooms/:roomId/heartbeat",
    POST: [
      {
        label: "a span's first heartbeat",
        prepare: (w, db, n) => {
          const spans = () =>
            db
              .select()
              .from(engagementDays)
              .where(eq(engagementDays.roomId, w.roomA.id))
              .all()
              .reduce((sum, r) => sum + r.spans, 0);
          const before = spans();
          return {
            form: { kind: "page", subject: "", span: `access-span-${n}` },
            effect: () => spans() > before,
          };
        },
        expect: Object.fromEntries(
          Object.entries(ROOM_A_VIEW).map(([p, o]) => [p, o === 200 ? 204 : o]),
        ) as Matrix,
      },
    ],
  },
  // issue 12: training
  "routes/training._index": {
    pattern: "/training",
    shows: () => "Access lesson",
    GET: TEMPLATE_MANAGERS,
    POST: [
      {
        label: "intent=createPath",
        prepare: (_w, db, n) => ({
          form: { intent: "createPath", title: `Path ${n}`, language: "en" },
          effect: () =>
            !!db
              .select()
              .from(learningPaths)
              .where(eq(learningPaths.title, `Path ${n}`))
              .get(),
        }),
        expect: TEMPLATE_MANAGERS,
      },
    ],
  },
  "routes/training.new": {
    pattern: "/training/new",
    GET: TEMPLATE_MANAGERS,
    POST: [
      {
        label: "intent=save (a lesson)",
        prepare: (_w, db, n) => ({
          form: { intent: "save", title: `Lesson ${n}`, language: "en", bodyText: "Text" },
          effect: () =>
            !!db
              .select()
              .from(trainingModules)
              .where(eq(trainingModules.title, `Lesson ${n}`))
              .get(),
        }),
        expect: {
          ...TEMPLATE_MANAGERS,
          admin: to(/^\/training\/[^/?]+\?saved=1$/),
          csmA: to(/^\/training\/[^/?]+\?saved=1$/),
          csmIdle: to(/^\/training\/[^/?]+\?saved=1$/),
        },
      },
    ],
  },
  "routes/training.$moduleId": {
    pattern: "/training/:moduleId",
    shows: () => "Access lesson",
    GET: TEMPLATE_MANAGERS,
    POST: [
      {
        label: "intent=save (a new version)",
        prepare: (w, db, n) => {
          const module = db
            .select()
            .from(trainingModules)
            .where(eq(trainingModules.id, trainingA.moduleId))
            .get()!;
          return {
            form: {
              intent: "save",
              version: String(module.version),
              title: "Access lesson",
              language: "en",
              bodyText: `v${n}`,
            },
            effect: () =>
              db.select().from(trainingModules).where(eq(trainingModules.id, trainingA.moduleId)).get()!
                .version > module.version,
          };
        },
        expect: TEMPLATE_MANAGERS,
      },
    ],
  },
  "routes/rooms.$roomId.training._index": {
    pattern: "/rooms/:roomId/training",
    shows: () => "Access lesson",
    GET: ROOM_A_VIEW,
    postSearch: "?index",
    POST: [
      {
        label: "intent=add (tailor the curriculum)",
        prepare: (w, db) => {
          const count = () =>
            db.select().from(roomTrainingItems).where(eq(roomTrainingItems.roomId, w.roomA.id)).all().length;
          return {
            form: {
              intent: "add",
              moduleId: trainingA.moduleId,
              dueOffsetDays: "3",
              assignee: "customer_admin",
            },
            effect: grows(count),
          };
        },
        expect: ROOM_A_MANAGE,
      },
    ],
  },
  "routes/rooms.$roomId.training.$trainingItemId": {
    pattern: "/rooms/:roomId/training/:trainingItemId",
    shows: () => "Access lesson",
    GET: ROOM_A_VIEW,
    POST: [
      {
        label: "intent=lesson (the end seen): assigned customers only",
        prepare: (_w, db, n) => {
          const position = ((n % 900) + 1) / 1000;
          return {
            form: { intent: "lesson", position: String(position), end: "" },
            effect: () =>
              !!db
                .select()
                .from(trainingProgress)
                .where(
                  and(
                    eq(trainingProgress.itemId, trainingA.itemId),
                    eq(trainingProgress.lastPosition, position),
                  ),
                )
                .get(),
          };
        },
        expect: {
          anon: SIGN_IN,
          admin: 403,
          csmA: 403,
          csmIdle: 403,
          salesA: 403,
          customerAdminA: 200,
          memberA: 200,
          viewerA: 200,
          customerB: 404,
        },
      },
    ],
  },
  "routes/rooms.$roomId.training.progress": {
    pattern: "/rooms/:roomId/training/progress",
    shows: () => "Access lesson",
    GET: ROOM_A_HEALTH_VIEW,
  },
  "routes/rooms.$roomId.training.progress[.csv]": {
    pattern: "/rooms/:roomId/training/progress.csv",
    shows: () => "Access lesson",
    GET: ROOM_A_HEALTH_VIEW,
  },
  // The certificate of the customer admin's completed path: the room's staff and the person only.
  "routes/rooms.$roomId_.training.certificates.$pathId.$userId": {
    pattern: "/rooms/:roomId/training/certificates/:pathId/:userId",
    shows: () => "Access path",
    GET: {
      anon: SIGN_IN,
      admin: 200,
      csmA: 200,
      csmIdle: 200,
      salesA: 200,
      customerAdminA: 200,
      memberA: 404,
      viewerA: 404,
      customerB: 404,
    },
  },
  // Issue 12: documents (資料). Everyone in the room sees shared documents; staff manage them; the
  // access log and its CSV are vendor only.
  "routes/rooms.$roomId.documents._index": {
    pattern: "/rooms/:roomId/documents",
    shows: () => "Access Document A",
    GET: ROOM_A_VIEW,
    postSearch: "?index",
    POST: [
      {
        label: "intent=createFolder",
        prepare: (_w, db, n) => {
          const name = `Access Folder ${n}`;
          return {
            form: { intent: "createFolder", name, visibility: "shared" },
            effect: () => !!db.select().from(documentFolders).where(eq(documentFolders.name, name)).get(),
          };
        },
        expect: ROOM_A_MANAGE,
      },
      {
        label: "intent=upload without a file: the field's message for whoever may upload",
        prepare: () => ({ form: { intent: "upload", title: "No file" } }),
        expect: { ...ROOM_A_MANAGE, admin: 400, csmA: 400, csmIdle: 400, customerAdminA: 400, memberA: 400 },
      },
    ],
  },
  "routes/rooms.$roomId.documents.$documentId": {
    pattern: "/rooms/:roomId/documents/:documentId",
    shows: () => "Access Document A",
    GET: ROOM_A_VIEW,
    POST: [
      {
        label: "intent=update",
        prepare: (_w, db) => {
          const doc = db.select().from(documents).where(eq(documents.id, documentA.id)).get()!;
          return {
            form: { intent: "update", title: doc.title, visibility: "shared", version: String(doc.version) },
            effect: () =>
              db.select().from(documents).where(eq(documents.id, documentA.id)).get()!.version > doc.version,
          };
        },
        expect: ROOM_A_MANAGE,
      },
    ],
  },
  "routes/rooms.$roomId.documents[.csv]": {
    pattern: "/rooms/:roomId/documents.csv",
    GET: { ...ROOM_A_VIEW, customerAdminA: 403, memberA: 403, viewerA: 403 },
  },
  "routes/rooms.$roomId.members": {
    pattern: "/rooms/:roomId/members",
    // The Members tab became the Team tab: the room's people get a redirect, outsiders what they got.
    GET: TO_TEAM,
  },
  "routes/rooms.$roomId.stakeholders": {
    pattern: "/rooms/:roomId/stakeholders",
    GET: TO_TEAM,
  },
  "routes/rooms.$roomId.team": {
    pattern: "/rooms/:roomId/team",
    shows: (w) => w.memberA.email,
    GET: ROOM_A_VIEW,
    POST: [
      {
        label: "intent=add",
        prepare: (_w, db, n) => {
          const name = `Access Person ${n}`;
          return {
            form: { intent: "add", name, side: "customer", teamRole: "end_user" },
            effect: () => !!db.select().from(stakeholders).where(eq(stakeholders.name, name)).get(),
          };
        },
        expect: ROOM_A_STAKEHOLDERS,
      },
      {
        label: "intent=update (a vendor-side person)",
        prepare: (w, db, n) => {
          const row = db
            .insert(stakeholders)
            .values({ roomId: w.roomA.id, name: `Vendor Person ${n}`, side: "vendor", teamRole: "csm" })
            .returning()
            .get();
          const name = `Renamed Vendor ${n}`;
          return {
            form: { intent: "update", id: row.id, version: "1", name, side: "vendor", teamRole: "csm" },
            effect: () =>
              db.select().from(stakeholders).where(eq(stakeholders.id, row.id)).get()?.name === name,
          };
        },
        // Customers never edit the vendor's people, customer admins included.
        expect: ROOM_A_MANAGE,
      },
      {
        label: "intent=setRole (a member without a team row)",
        prepare: (w, db, n) => {
          const member = makeCustomer(db, { email: `role-${n}@quokka.example` });
          addMember(db, w.roomA.id, member.id, "customer_member");
          return {
            form: { intent: "setRole", userId: member.id, teamRole: "end_user" },
            effect: () => !!db.select().from(stakeholders).where(eq(stakeholders.userId, member.id)).get(),
          };
        },
        expect: ROOM_A_STAKEHOLDERS,
      },
      {
        label: "intent=invite (a person of the team)",
        prepare: (w, db, n) => {
          const email = `invitee-${n}@quokka.example`;
          const row = db
            .insert(stakeholders)
            .values({ roomId: w.roomA.id, name: `Invitee ${n}`, side: "customer", email })
            .returning()
            .get();
          return {
            form: { intent: "invite", stakeholderId: row.id, role: "customer_member" },
            effect: () =>
              !!db
                .select()
                .from(invitations)
                .where(and(eq(invitations.roomId, w.roomA.id), eq(invitations.email, email)))
                .get(),
          };
        },
        // A customer admin may invite colleagues of their own domain.
        expect: { ...ROOM_A_MANAGE, customerAdminA: 200 },
      },
      {
        label: "intent=removeMember",
        prepare: (w, db, n) => {
          const victim = makeCustomer(db, { email: `victim-${n}@quokka.example` });
          const membership = addMember(db, w.roomA.id, victim.id, "customer_member");
          return {
            form: { intent: "removeMember", membershipId: membership.id },
            effect: () => !db.select().from(memberships).where(eq(memberships.id, membership.id)).get(),
          };
        },
        expect: ROOM_A_MANAGE,
      },
      {
        label: "intent=resend",
        prepare: (w, db, n) => {
          const email = `resend-${n}@quokka.example`;
          const invitation = makeInvitation(db, { roomId: w.roomA.id, invitedById: w.csmA.id, email });
          return {
            form: { intent: "resend", invitationId: invitation.id },
            effect: grows(
              () => db.select().from(invitations).where(eq(invitations.email, email)).all().length,
            ),
          };
        },
        expect: ROOM_A_MANAGE,
      },
      {
        label: "intent=revoke",
        prepare: (w, db, n) => {
          const invitation = makeInvitation(db, {
            roomId: w.roomA.id,
            invitedById: w.csmA.id,
            email: `pending-${n}@quokka.example`,
          });
          return {
            form: { intent: "revoke", invitationId: invitation.id },
            effect: () =>
              !!db
                .select()
                .from(invitations)
                .where(and(eq(invitations.id, invitation.id), isNotNull(invitations.revokedAt)))
                .get(),
          };
        },
        expect: ROOM_A_MANAGE,
      },
    ],
  },
  "routes/portfolio": {
    pattern: "/portfolio",
    // The filter form renders for every staff member, with or without rooms to list.
    shows: () => "Health band",
    GET: {
      anon: SIGN_IN,
      admin: 200,
      csmA: 200,
      csmIdle: 200,
      salesA: 200,
      customerAdminA: 403,
      memberA: 403,
      viewerA: 403,
      customerB: 403,
    },
  },
  "routes/accounts.new": {
    pattern: "/accounts/new",
    GET: {
      anon: SIGN_IN,
      admin: 200,
      csmA: 200,
      csmIdle: 200,
      salesA: 403,
      customerAdminA: 403,
      memberA: 403,
      viewerA: 403,
      customerB: 403,
    },
    POST: [
      {
        label: "create account",
        prepare: (w, db, n) => {
          const name = `Created Account ${n}`;
          return {
            form: {
              name,
              allowedDomains: `created-${n}.example`,
              mrr: "1000",
              currency: "JPY",
              renewalDate: "2027-09-30",
              touchModel: "high",
              timeZone: "Asia/Tokyo",
              csmId: w.csmA.id,
              roomTitle: "Created Room",
              stage: "onboarding",
            },
            effect: () => !!db.select().from(accounts).where(eq(accounts.name, name)).get(),
          };
        },
        expect: {
          anon: SIGN_IN,
          admin: to(/^\/rooms\/[a-z0-9]{16}$/),
          csmA: to(/^\/rooms\/[a-z0-9]{16}$/),
          csmIdle: to(/^\/rooms\/[a-z0-9]{16}$/),
          salesA: 403,
          customerAdminA: 403,
          memberA: 403,
          viewerA: 403,
          customerB: 403,
        },
      },
    ],
  },
  "routes/admin.users": {
    pattern: "/admin/users",
    GET: ADMIN_ONLY,
    POST: [
      {
        label: "intent=create",
        prepare: (_w, db, n) => {
          const email = `new-staff-${n}@vendor.example`;
          return {
            form: { intent: "create", name: "New Staff", email, staffRole: "csm" },
            effect: () => !!db.select().from(users).where(eq(users.email, email)).get(),
          };
        },
        expect: ADMIN_ONLY,
      },
      {
        label: "intent=active (deactivate)",
        prepare: (_w, db, n) => {
          const target = makeStaff(db, { email: `target-${n}@vendor.example` });
          return {
            form: { intent: "active", userId: target.id, active: "false" },
            effect: () => !db.select().from(users).where(eq(users.id, target.id)).get()!.active,
          };
        },
        expect: ADMIN_ONLY,
      },
      {
        label: "intent=role",
        prepare: (_w, db, n) => {
          const target = makeStaff(db, { email: `promote-${n}@vendor.example`, staffRole: "sales" });
          return {
            form: { intent: "role", userId: target.id, staffRole: "admin" },
            effect: () => db.select().from(users).where(eq(users.id, target.id)).get()!.staffRole === "admin",
          };
        },
        expect: ADMIN_ONLY,
      },
    ],
  },
  "routes/admin.outbox._index": { pattern: "/admin/outbox", GET: ADMIN_ONLY },
  "routes/admin.health": {
    pattern: "/admin/health",
    GET: ADMIN_ONLY,
    POST: [
      {
        label: "intent=save",
        prepare: (_w, db) => ({
          form: { ...Object.fromEntries(configFields(DEFAULT_HEALTH_CONFIG)), intent: "save" },
          effect: grows(() => db.select().from(healthConfigs).all().length),
        }),
        expect: ADMIN_ONLY,
      },
    ],
  },
  "routes/alerts": {
    pattern: "/alerts",
    GET: { ...ADMIN_ONLY, csmA: 200, csmIdle: 200 },
    POST: [
      {
        label: "intent=snooze (alert of room A)",
        prepare: (w, db, n) => {
          const alert = openAlertOfA(db, w, n);
          return {
            form: {
              intent: "snooze",
              roomId: w.roomA.id,
              alertId: alert.id,
              days: "3",
              reason: "On holiday",
            },
            effect: () =>
              !!db.select().from(healthAlerts).where(eq(healthAlerts.id, alert.id)).get()!.snoozedUntil,
          };
        },
        // The inbox is staff-only; the room guard then lets only the room's managers act.
        expect: { ...ADMIN_ONLY, csmA: 200, csmIdle: 200 },
      },
    ],
  },
  // issue 12: forms (ヒアリングシート)
  "routes/forms._index": {
    pattern: "/forms",
    GET: TEMPLATE_MANAGERS,
    POST: [
      {
        label: "intent=create",
        prepare: (_w, db, n) => {
          const title = `Access form ${n}`;
          return {
            form: { intent: "create", title, language: "en" },
            effect: () => !!db.select().from(forms).where(eq(forms.title, title)).get(),
          };
        },
        expect: {
          ...TEMPLATE_MANAGERS,
          admin: to(/^\/forms\//),
          csmA: to(/^\/forms\//),
          csmIdle: to(/^\/forms\//),
        },
      },
    ],
  },
  "routes/forms.$formId": {
    pattern: "/forms/:formId",
    shows: () => "Access hearing sheet",
    GET: TEMPLATE_MANAGERS,
    POST: [
      {
        label: "intent=addField",
        prepare: (_w, db, n) => {
          const form = db.select().from(forms).where(eq(forms.id, formsA.libraryFormId)).get()!;
          const label = `Access question ${n}`;
          return {
            form: { intent: "addField", kind: "short_text", label, version: String(form.version) },
            effect: () => !!db.select().from(formFields).where(eq(formFields.label, label)).get(),
          };
        },
        expect: TEMPLATE_MANAGERS,
      },
    ],
  },
  "routes/rooms.$roomId.tasks.$taskId_.form": {
    pattern: "/rooms/:roomId/tasks/:taskId/form",
    shows: () => "Access hearing sheet",
    // Everyone in the room reads the task's form; customers (not viewers) fill it in.
    GET: ROOM_A_VIEW,
    POST: [
      {
        label: "intent=draft",
        prepare: (_w, db, n) => {
          const response = db
            .select()
            .from(formResponses)
            .where(eq(formResponses.roomId, formsA.roomId))
            .get();
          return {
            form: {
              intent: "draft",
              version: String(response?.version ?? 0),
              [`f_${formsA.fieldId}`]: `Answer ${n}`,
            },
            effect: () =>
              (db.select().from(formResponses).where(eq(formResponses.roomId, formsA.roomId)).get()
                ?.version ?? 0) > (response?.version ?? 0),
          };
        },
        expect: { ...ROOM_A_MANAGE, admin: 403, csmA: 403, csmIdle: 403, customerAdminA: 200, memberA: 200 },
      },
      {
        label: "intent=accept (nothing submitted)",
        prepare: (_w, db) => {
          const response = db
            .select()
            .from(formResponses)
            .where(eq(formResponses.roomId, formsA.roomId))
            .get();
          return { form: { intent: "accept", version: String(response?.version ?? 1) } };
        },
        expect: { ...ROOM_A_MANAGE, admin: 400, csmA: 400, csmIdle: 400 },
      },
    ],
  },
  "routes/rooms.$roomId.forms.$formId[.csv]": {
    pattern: "/rooms/:roomId/forms/:formId.csv",
    GET: ROOM_A_MANAGE,
  },
  // issue 12: forms extras — the builder of a room's own form (staff who run the room).
  "routes/rooms.$roomId.forms.$formId.edit": {
    pattern: "/rooms/:roomId/forms/:formId/edit",
    shows: () => "Access hearing sheet",
    GET: ROOM_A_MANAGE,
    POST: [
      {
        label: "intent=addField (no such kind)",
        prepare: () => ({
          form: { intent: "addField", kind: "bogus", label: "Never", version: "1" },
        }),
        expect: { ...ROOM_A_MANAGE, admin: 400, csmA: 400, csmIdle: 400 },
      },
    ],
  },
  "routes/templates._index": { pattern: "/templates", GET: TEMPLATE_MANAGERS },
  "routes/templates.$templateId_.export[.csv]": {
    pattern: "/templates/:templateId/export.csv",
    GET: TEMPLATE_MANAGERS,
  },
  "routes/templates.$templateId_.import": {
    pattern: "/templates/:templateId/import",
    GET: TEMPLATE_MANAGERS,
    POST: [
      {
        label: "no file",
        prepare: () => ({ form: {} }),
        expect: { ...TEMPLATE_MANAGERS, admin: 400, csmA: 400, csmIdle: 400 },
      },
    ],
  },
  "routes/rooms.$roomId.plan": {
    pattern: "/rooms/:roomId/plan",
    shows: () => planA.sharedTask.title,
    GET: ROOM_A_VIEW,
    POST: [
      {
        label: "intent=status (shared customer task)",
        prepare: (_w, db, n) => sharedTaskStatus(db, n),
        expect: statusRedirect(/^\/rooms\/[^/?]+\/plan\?notice=plan\.notice\.statusChanged&task=[^#]+#task-/),
      },
      {
        label: "intent=moveMilestone",
        prepare: (_w, db, n) => {
          const milestone = db.select().from(milestones).where(eq(milestones.id, planA.milestone.id)).get()!;
          const targetDate = `2027-0${1 + (n % 9)}-1${n % 10}`;
          return {
            form: {
              intent: "moveMilestone",
              milestoneId: milestone.id,
              version: String(milestone.version),
              targetDate,
            },
            effect: () =>
              db.select().from(milestones).where(eq(milestones.id, milestone.id)).get()!.version >
              milestone.version,
          };
        },
        expect: ROOM_A_MANAGE,
      },
    ],
  },
  "routes/rooms.$roomId.goals": {
    pattern: "/rooms/:roomId/goals",
    shows: (w) => w.roomA.title,
    // The success plan: everyone in the room reads it; vendor roles edit; customers (not viewers) check in.
    GET: ROOM_A_VIEW,
    POST: [
      {
        label: "intent=add",
        prepare: (_w, _db, n) => {
          const statement = `Access goal ${n}`;
          return {
            form: { intent: "add", statement, kpi: "KPI", baseline: "1", target: "2", dueDate: "2027-03-01" },
            effect: () => !!store.db.select().from(goals).where(eq(goals.statement, statement)).get(),
          };
        },
        expect: ROOM_A_MANAGE,
      },
      {
        label: "intent=checkin",
        prepare: (w, db) => {
          const goal = db.select().from(goals).where(eq(goals.roomId, w.roomA.id)).get()!;
          return {
            form: { intent: "checkin", goalId: goal.id, value: "3", date: "2026-01-05" },
            effect: grows(
              () => db.select().from(goalCheckins).where(eq(goalCheckins.goalId, goal.id)).all().length,
            ),
          };
        },
        expect: ROOM_A_TASK_STATUS,
      },
    ],
  },
  "routes/rooms.$roomId.goals[.csv]": {
    pattern: "/rooms/:roomId/goals.csv",
    shows: () => "statement,kpi,unit",
    GET: ROOM_A_VIEW,
  },
  "routes/rooms.$roomId.plan[.csv]": {
    pattern: "/rooms/:roomId/plan.csv",
    shows: () => planA.sharedTask.title,
    GET: ROOM_A_VIEW,
  },
  "routes/rooms.$roomId.plan_.import": {
    pattern: "/rooms/:roomId/plan/import",
    GET: ROOM_A_MANAGE,
    POST: [
      {
        label: "no file",
        prepare: () => ({ form: {} }),
        expect: { ...ROOM_A_MANAGE, admin: 400, csmA: 400, csmIdle: 400 },
      },
    ],
  },
  "routes/rooms.$roomId.plan_.edit": {
    pattern: "/rooms/:roomId/plan/edit",
    GET: ROOM_A_MANAGE,
    POST: [
      {
        label: "intent=addPhase",
        prepare: (_w, db, n) => {
          const title = `Access phase ${n}`;
          return {
            form: { intent: "addPhase", title },
            effect: () => !!db.select().from(phases).where(eq(phases.title, title)).get(),
          };
        },
        expect: ROOM_A_MANAGE,
      },
    ],
  },
  "routes/rooms.$roomId.timeline": {
    pattern: "/rooms/:roomId/timeline",
    shows: () => planA.sharedTask.title,
    GET: ROOM_A_VIEW,
  },
  "routes/rooms.$roomId.tasks.$taskId": {
    pattern: "/rooms/:roomId/tasks/:taskId",
    shows: () => planA.sharedTask.title,
    GET: ROOM_A_VIEW,
    POST: [
      {
        label: "intent=status",
        prepare: (_w, db, n) => sharedTaskStatus(db, n),
        expect: statusRedirect(
          /^\/rooms\/[^/?]+\/tasks\/[^/?]+\?notice=plan\.notice\.statusChanged&task=[^#]+#status$/,
        ),
      },
      {
        label: "intent=comment",
        prepare: (_w, db, n) => {
          const body = `Access comment ${n}`;
          return {
            form: { intent: "comment", body },
            effect: () => !!db.select().from(comments).where(eq(comments.body, body)).get(),
          };
        },
        expect: ROOM_A_COMMENT,
      },
      {
        label: "intent=attach without a file: the field's message for whoever may upload",
        prepare: () => ({ form: { intent: "attach" } }),
        expect: { ...ROOM_A_MANAGE, admin: 400, csmA: 400, csmIdle: 400, customerAdminA: 400, memberA: 400 },
      },
    ],
  },
  "routes/rooms.$roomId.milestones.$milestoneId": {
    pattern: "/rooms/:roomId/milestones/:milestoneId",
    shows: () => planA.milestone.title,
    GET: ROOM_A_VIEW,
    POST: [
      {
        label: "intent=comment",
        prepare: (_w, db, n) => {
          const body = `Milestone comment ${n}`;
          return {
            form: { intent: "comment", body },
            effect: () => !!db.select().from(comments).where(eq(comments.body, body)).get(),
          };
        },
        expect: ROOM_A_COMMENT,
      },
      {
        label: "intent=rate (completed milestone)",
        prepare: (_w, db) => {
          db.update(milestones)
            .set({ completedAt: new Date() })
            .where(eq(milestones.id, planA.milestone.id))
            .run();
          return {
            form: { intent: "rate", stars: "4", comment: "Smooth" },
            effect: grows(() => db.select().from(milestoneRatings).all().length),
          };
        },
        // Only the customer's own people rate; each rates once (a second rating replaces the first).
        expect: { ...ROOM_A_VIEW, admin: 403, csmA: 403, csmIdle: 403, salesA: 403, viewerA: 403 },
      },
      {
        label: "intent=decideSignOff (a waiting request addressed to customerAdminA)",
        prepare: (w, db, n) => {
          const id = pendingSignOffOfA(w, db);
          return {
            form: {
              intent: "decideSignOff",
              signOffId: id,
              decision: "changes_requested",
              comment: `Fix ${n}`,
            },
            effect: () =>
              db.select().from(milestoneSignOffs).where(eq(milestoneSignOffs.id, id)).get()!.decision !==
              null,
          };
        },
        // Only the milestone's customer-side A; a customer who is not the A gets 403 from the rule.
        expect: { ...EVERYONE(403), anon: SIGN_IN, customerAdminA: 200, customerB: 404 },
      },
      {
        label: "intent=requestSignOff (re-send a waiting request)",
        prepare: (w, db) => {
          pendingSignOffOfA(w, db);
          return {
            form: { intent: "requestSignOff" },
            effect: grows(
              () => db.select().from(outbox).where(eq(outbox.template, "sign_off_request")).all().length,
            ),
          };
        },
        expect: ROOM_A_MANAGE,
      },
    ],
  },
  "routes/rooms.$roomId_.milestones.$milestoneId_.acceptance": {
    pattern: "/rooms/:roomId/milestones/:milestoneId/acceptance",
    shows: () => planA.milestone.title,
    GET: ROOM_A_VIEW,
  },
  "routes/rooms.$roomId.activity": { pattern: "/rooms/:roomId/activity", GET: ROOM_A_VIEW },
  "routes/rooms.$roomId.health": {
    pattern: "/rooms/:roomId/health",
    GET: ROOM_A_HEALTH_VIEW,
    POST: [
      {
        label: "intent=pulse",
        prepare: (w, db) => ({
          form: { intent: "pulse", value: "yellow", comment: "Sponsor changed" },
          effect: grows(
            () => db.select().from(healthPulses).where(eq(healthPulses.roomId, w.roomA.id)).all().length,
          ),
        }),
        expect: ROOM_A_MANAGE,
      },
      {
        label: "intent=acknowledge",
        prepare: (w, db, n) => {
          const alert = openAlertOfA(db, w, n);
          return {
            form: { intent: "acknowledge", alertId: alert.id },
            effect: () =>
              !!db.select().from(healthAlerts).where(eq(healthAlerts.id, alert.id)).get()!.acknowledgedAt,
          };
        },
        expect: ROOM_A_MANAGE,
      },
    ],
  },
  "routes/rooms.$roomId.notifications": {
    pattern: "/rooms/:roomId/notifications",
    GET: ROOM_A_VIEW,
    POST: [
      {
        label: "save preferences",
        prepare: (_w, db) => ({
          form: { milestoneEmails: "on" },
          effect: grows(() => db.select().from(notificationPreferences).all().length),
        }),
        expect: ROOM_A_VIEW,
      },
    ],
  },
  "routes/rooms.$roomId.report": {
    pattern: "/rooms/:roomId/report",
    shows: (w) => w.roomA.title,
    // The weekly report's page: vendor staff who run the room (reports.send); never customers.
    GET: ROOM_A_MANAGE,
    POST: [
      {
        label: "intent=send",
        prepare: (w, db) => ({
          form: { intent: "send", intro: "Access check" },
          effect: grows(
            () => db.select().from(statusReports).where(eq(statusReports.roomId, w.roomA.id)).all().length,
          ),
        }),
        expect: ROOM_A_MANAGE,
      },
      {
        label: "intent=saveIntro",
        prepare: (w, db, n) => {
          const intro = `Intro ${n}`;
          return {
            form: { intent: "saveIntro", intro },
            effect: () =>
              db.select().from(reportSchedules).where(eq(reportSchedules.roomId, w.roomA.id)).get()
                ?.nextIntro === intro,
          };
        },
        expect: ROOM_A_MANAGE,
      },
      {
        label: "intent=schedule",
        prepare: (w, db, n) => {
          const timeOfDay = `0${n % 10}:${String(n % 60).padStart(2, "0")}`;
          return {
            form: { intent: "schedule", enabled: "on", weekday: "3", timeOfDay },
            effect: () =>
              db.select().from(reportSchedules).where(eq(reportSchedules.roomId, w.roomA.id)).get()
                ?.timeOfDay === timeOfDay,
          };
        },
        expect: ROOM_A_MANAGE,
      },
    ],
  },
  "routes/rooms.$roomId_.reports.$reportId": {
    pattern: "/rooms/:roomId/reports/:reportId",
    shows: (w) => w.roomA.title,
    // A sent report (shared items only): everyone in the room; the email links here.
    GET: ROOM_A_VIEW,
  },
  "routes/rooms.$roomId.welcome": {
    pattern: "/rooms/:roomId/welcome",
    shows: (w) => w.roomA.title,
    // The welcome note: vendor staff who run the room; the salesperson and customers only read it.
    GET: ROOM_A_MANAGE,
    POST: [
      {
        label: "intent=save",
        prepare: (w, db, n) => {
          const note = `Welcome ${n}`;
          return {
            form: { intent: "save", bodyText: note },
            effect: () => JSON.stringify(roomWelcome(db, w)).includes(note),
          };
        },
        expect: ROOM_A_MANAGE,
      },
      {
        label: "intent=reset",
        prepare: (w, db, n) => {
          db.update(rooms)
            .set({
              welcomeNote: {
                type: "doc",
                content: [{ type: "paragraph", content: [{ type: "text", text: `x${n}` }] }],
              },
            })
            .where(eq(rooms.id, w.roomA.id))
            .run();
          return { form: { intent: "reset" }, effect: () => roomWelcome(db, w) === null };
        },
        expect: ROOM_A_MANAGE,
      },
    ],
  },
  "routes/rooms.$roomId.meetings._index": {
    pattern: "/rooms/:roomId/meetings",
    shows: () => "Kickoff",
    GET: ROOM_A_VIEW,
  },
  "routes/rooms.$roomId.meetings.new": {
    pattern: "/rooms/:roomId/meetings/new",
    // Scheduling: vendor staff who run the room (meetings.edit).
    GET: ROOM_A_MANAGE,
    POST: [
      {
        label: "intent=schedule",
        prepare: (_w, db, n) => {
          const title = `Access meeting ${n}`;
          return {
            form: {
              intent: "schedule",
              type: "regular",
              title,
              date: "2026-12-20",
              time: "10:00",
              durationMinutes: "30",
            },
            effect: () => !!db.select().from(meetings).where(eq(meetings.title, title)).get(),
          };
        },
        expect: {
          ...ROOM_A_MANAGE,
          admin: to(/\/rooms\/[^/]+\/meetings\/[^/]+$/),
          csmA: to(/\/rooms\/[^/]+\/meetings\/[^/]+$/),
          csmIdle: to(/\/rooms\/[^/]+\/meetings\/[^/]+$/),
        },
      },
    ],
  },
  "routes/rooms.$roomId.meetings.$meetingId": {
    pattern: "/rooms/:roomId/meetings/:meetingId",
    shows: () => "Kickoff",
    // Customers read meetings (never the internal notes); vendor staff who run the room change them.
    GET: ROOM_A_VIEW,
    POST: [
      {
        label: "intent=addDecision",
        prepare: (_w, db, n) => {
          const text = `Access decision ${n}`;
          return {
            form: { intent: "addDecision", text },
            effect: () => !!db.select().from(meetingDecisions).where(eq(meetingDecisions.text, text)).get(),
          };
        },
        expect: ROOM_A_MANAGE,
      },
      {
        label: "intent=addActionItem",
        prepare: (_w, db, n) => {
          const text = `Access action item ${n}`;
          return {
            form: { intent: "addActionItem", text },
            effect: () => !!db.select().from(actionItems).where(eq(actionItems.text, text)).get(),
          };
        },
        expect: ROOM_A_MANAGE,
      },
      {
        label: "intent=sendMinutes",
        prepare: (_w, db) => {
          db.update(meetings).set({ minutesSentAt: null }).where(eq(meetings.id, meetingA)).run();
          return {
            form: { intent: "sendMinutes" },
            effect: () => !!db.select().from(meetings).where(eq(meetings.id, meetingA)).get()!.minutesSentAt,
          };
        },
        expect: ROOM_A_MANAGE,
      },
    ],
  },
  "routes/admin.agendas": {
    pattern: "/admin/agendas",
    GET: ADMIN_ONLY,
    POST: [
      {
        label: "intent=save",
        prepare: (_w, db, n) => {
          const words = `Agenda ${n}`;
          return {
            form: { intent: "save", type: "review", locale: "en", bodyText: words },
            effect: () => JSON.stringify(db.select().from(meetingAgendaTemplates).all()).includes(words),
          };
        },
        expect: ADMIN_ONLY,
      },
    ],
  },
  "routes/rooms.$roomId.calendar": {
    pattern: "/rooms/:roomId/calendar",
    GET: ROOM_A_VIEW,
    POST: [
      {
        label: "intent=create",
        prepare: (_w, db) => ({
          form: { intent: "create" },
          effect: grows(() => db.select().from(calendarFeeds).all().length),
        }),
        expect: ROOM_A_VIEW,
      },
    ],
  },
  "routes/rooms.$roomId.ics.$kind.$itemId": {
    pattern: "/rooms/:roomId/ics/:kind/:itemId",
    shows: () => planA.milestone.title,
    GET: ROOM_A_VIEW,
  },
  "routes/calendar.$token.feed[.ics]": { pattern: "/calendar/:token/feed.ics", GET: EVERYONE(404) },
  "routes/templates.$templateId": {
    pattern: "/templates/:templateId",
    GET: TEMPLATE_MANAGERS,
    POST: [
      {
        label: "intent=duplicate",
        prepare: (_w, db, n) => {
          const name = `Copy ${n}`;
          return {
            form: { intent: "duplicate", name },
            effect: () => !!db.select().from(planTemplates).where(eq(planTemplates.name, name)).get(),
          };
        },
        expect: {
          ...TEMPLATE_MANAGERS,
          admin: to(/^\/templates\//),
          csmA: to(/^\/templates\//),
          csmIdle: to(/^\/templates\//),
        },
      },
    ],
  },
  "routes/templates.$templateId_.edit": {
    pattern: "/templates/:templateId/edit",
    GET: TEMPLATE_MANAGERS,
    POST: [
      {
        label: "intent=setTemplateCell (the default RACI by role)",
        prepare: (w, db, n) => {
          const phase = db
            .select()
            .from(templatePhases)
            .where(eq(templatePhases.templateId, w.templateId))
            .get()!;
          const teamRole = TEAM_ROLES[n % TEAM_ROLES.length]!;
          const letter = (["R", "A", "C", "I"] as const)[n % 4]!;
          db.delete(templateRaci)
            .where(and(eq(templateRaci.subjectId, phase.id), eq(templateRaci.teamRole, teamRole)))
            .run();
          return {
            form: { intent: "setTemplateCell", subjectType: "phase", subjectId: phase.id, teamRole, letter },
            effect: () =>
              db
                .select()
                .from(templateRaci)
                .where(and(eq(templateRaci.subjectId, phase.id), eq(templateRaci.teamRole, teamRole)))
                .get()?.letter === letter,
          };
        },
        expect: TEMPLATE_MANAGERS,
      },
      {
        label: "intent=addPhase",
        prepare: (w, db, n) => {
          const title = `Phase ${n}`;
          const { version } = db
            .select({ version: planTemplates.version })
            .from(planTemplates)
            .where(eq(planTemplates.id, w.templateId))
            .get()!;
          return {
            form: { intent: "addPhase", title, version: String(version) },
            effect: () =>
              !!db.$client
                .prepare("SELECT 1 FROM template_phases WHERE template_id = ? AND title = ?")
                .get(w.templateId, title),
          };
        },
        expect: TEMPLATE_MANAGERS,
      },
    ],
  },
  "routes/templates.$templateId_.welcome": {
    pattern: "/templates/:templateId/welcome",
    GET: TEMPLATE_MANAGERS,
    POST: [
      {
        label: "intent=save",
        prepare: (w, db, n) => {
          const note = `Default ${n}`;
          const { version } = db
            .select({ version: planTemplates.version })
            .from(planTemplates)
            .where(eq(planTemplates.id, w.templateId))
            .get()!;
          return {
            form: { intent: "save", locale: "en", version: String(version), bodyText: note },
            effect: () =>
              JSON.stringify(
                db.select().from(planTemplates).where(eq(planTemplates.id, w.templateId)).get()!
                  .welcomeNoteEn,
              ).includes(note),
          };
        },
        expect: TEMPLATE_MANAGERS,
      },
    ],
  },
  "routes/admin.outbox.$messageId": {
    pattern: "/admin/outbox/:messageId",
    shows: (w) => w.roomA.title,
    GET: ADMIN_ONLY,
  },
  "routes/sign-in": {
    pattern: "/sign-in",
    GET: { ...EVERYONE(to("/")), anon: 200 },
    // An empty form fails validation before any rate limit is charged; after the action, the page's loader
    // still sends a signed-in user on.
    POST: [
      {
        label: "empty form",
        prepare: () => ({ form: { intent: "link" } }),
        expect: { ...EVERYONE(to("/")), anon: 400 },
      },
    ],
  },
  "routes/auth.link": {
    pattern: "/auth/link",
    GET: EVERYONE(200),
    POST: [
      { label: "unknown token", prepare: () => ({ form: { token: "not-a-token" } }), expect: EVERYONE(400) },
    ],
  },
  "routes/invite": {
    pattern: "/invite",
    GET: EVERYONE(200),
    POST: [
      { label: "unknown token", prepare: () => ({ form: { token: "not-a-token" } }), expect: EVERYONE(400) },
    ],
  },
  "routes/language": {
    pattern: "/language",
    GET: EVERYONE(to("/")),
    POST: [
      {
        label: "switch",
        prepare: () => ({ form: { locale: "en", redirectTo: "/portfolio" } }),
        expect: EVERYONE(to("/portfolio")),
      },
    ],
  },
  "routes/sign-out": {
    pattern: "/sign-out",
    GET: EVERYONE(to("/")),
    POST: [{ label: "sign out", prepare: () => ({ form: {} }), expect: EVERYONE(to("/sign-in")) }],
  },
  // Last: the profile form renames whoever posts it.
  "routes/admin.settings": {
    pattern: "/admin/settings",
    GET: ADMIN_ONLY,
    POST: [
      {
        label: "intent=save",
        prepare: (_w, db, n) => ({
          form: { intent: "save", companyName: `Vendor ${n}`, brandColor: "#1f5fbf" },
          effect: () => db.select().from(workspaceSettings).get()?.companyName === `Vendor ${n}`,
        }),
        expect: ADMIN_ONLY,
      },
      {
        label: "intent=removeLogo",
        prepare: (_w, db) => {
          db.insert(workspaceSettings)
            .values({ id: "workspace", logoFileId: workspaceLogo.id })
            .onConflictDoUpdate({ target: workspaceSettings.id, set: { logoFileId: workspaceLogo.id } })
            .run();
          return {
            form: { intent: "removeLogo" },
            effect: () => db.select().from(workspaceSettings).get()?.logoFileId === null,
          };
        },
        expect: ADMIN_ONLY,
      },
    ],
  },
  "routes/rooms.$roomId.review": {
    pattern: "/rooms/:roomId/review",
    shows: () => "Post-onboarding review",
    GET: REVIEW_VIEW,
    POST: [
      {
        label: "intent=answers",
        prepare: (w, db, n) => {
          const review = reviewOfA(db, w);
          return {
            form: { intent: "answers", version: String(review.version), positioned: `Answer ${n}` },
            effect: () =>
              db.select().from(reviews).where(eq(reviews.id, review.id)).get()!.version > review.version,
          };
        },
        expect: { ...REVIEW_VIEW, salesA: 403 },
      },
    ],
  },
  "routes/reviews": {
    pattern: "/reviews",
    GET: { ...ADMIN_ONLY, csmA: 200, csmIdle: 200 },
    POST: [
      {
        label: "intent=reject (a proposal of room A)",
        prepare: (w, db, n) => {
          const finding = proposalOfA(db, w, n);
          return {
            form: { intent: "reject", findingId: finding.id, version: String(finding.version) },
            effect: () =>
              db.select().from(reviewFindings).where(eq(reviewFindings.id, finding.id)).get()!
                .proposalStatus === "rejected",
          };
        },
        expect: ADMIN_ONLY,
      },
    ],
  },
  "routes/survey.$token": {
    pattern: "/survey/:token",
    GET: EVERYONE(404),
    POST: [
      {
        label: "answers with an unknown link",
        prepare: () => ({ form: { satisfaction: "5", recommend: "10" } }),
        expect: EVERYONE(404),
      },
    ],
  },
  "routes/accounts.$accountId.handoff": {
    pattern: "/accounts/:accountId/handoff",
    shows: (w) => w.accountA.name,
    GET: HANDOFF_VIEW,
    POST: [
      {
        label: "intent=save",
        prepare: (w, db, n) => {
          freshHandoffA(db, w, null);
          return {
            form: { intent: "save", version: "0", productsBought: `Draft ${n}` },
            effect: () => handoffA(db, w)?.productsBought === `Draft ${n}`,
          };
        },
        expect: HANDOFF_VIEW,
      },
      {
        label: "intent=submit",
        prepare: (w, db, n) => {
          freshHandoffA(db, w, null);
          return {
            form: {
              intent: "submit",
              version: "0",
              productsBought: `Submitted ${n}`,
              whyBought: "Why",
              successMetrics: "Metrics",
              contractStart: "2026-11-01",
              personName: "Someone",
            },
            effect: () => handoffA(db, w)?.status === "submitted",
          };
        },
        expect: HANDOFF_VIEW,
      },
      {
        label: "intent=acknowledge",
        prepare: (w, db) => {
          const row = freshHandoffA(db, w, "submitted")!;
          return {
            form: { intent: "acknowledge", version: String(row.version) },
            effect: () => handoffA(db, w)?.status === "acknowledged",
          };
        },
        // The account's CSM and admins; other CSMs and sales may not.
        expect: { ...HANDOFF_VIEW, csmIdle: 403, salesA: 403 },
      },
      {
        label: "intent=message",
        prepare: (w, db, n) => {
          freshHandoffA(db, w, "submitted");
          return {
            form: { intent: "message", body: `Question ${n}` },
            effect: () =>
              db
                .select()
                .from(handoffMessages)
                .where(eq(handoffMessages.body, `Question ${n}`))
                .all().length > 0,
          };
        },
        expect: HANDOFF_VIEW,
      },
      {
        label: "intent=addPeople",
        prepare: (w, db, n) => {
          const email = `handoff${n}@quokka.example`;
          freshHandoffA(db, w, "submitted", email);
          return {
            form: { intent: "addPeople", roomId: w.roomA.id },
            effect: () => !!db.select().from(stakeholders).where(eq(stakeholders.email, email)).get(),
          };
        },
        // Those who edit the room's team; the salesperson reads the room only.
        expect: { ...HANDOFF_VIEW, salesA: 403 },
      },
    ],
  },
  "routes/accounts.$accountId.logo": {
    pattern: "/accounts/:accountId/logo",
    shows: (w) => w.accountA.name,
    GET: { ...ADMIN_ONLY, csmA: 200, csmIdle: 200 },
    POST: [
      {
        label: "intent=removeLogo",
        prepare: (w, db) => {
          db.update(accounts).set({ logoFileId: logoA.id }).where(eq(accounts.id, w.accountA.id)).run();
          return {
            form: { intent: "removeLogo" },
            effect: () =>
              db.select().from(accounts).where(eq(accounts.id, w.accountA.id)).get()!.logoFileId === null,
          };
        },
        expect: { ...ADMIN_ONLY, csmA: 200, csmIdle: 200 },
      },
    ],
  },
  // Account A's logo: staff, and the customers of account A; another account's customer and anyone
  // signed out get the same 404 as for a file that does not exist.
  "routes/files.$fileId": {
    pattern: "/files/:fileId",
    GET: { ...EVERYONE(200), anon: 404, customerB: 404 },
  },
  "routes/profile": {
    pattern: "/profile",
    GET: { ...EVERYONE(200), anon: SIGN_IN },
    POST: [
      {
        label: "intent=save",
        prepare: (_w, db, n) => ({
          form: { intent: "save", name: "Renamed Person", jobTitle: `Title ${n}`, locale: "en" },
          effect: () =>
            !!db
              .select()
              .from(users)
              .where(eq(users.jobTitle, `Title ${n}`))
              .get(),
        }),
        expect: { ...EVERYONE(200), anon: SIGN_IN },
      },
    ],
  },
  "routes/$": { pattern: "/*", GET: EVERYONE(404) },
};

function fullPattern(routes: ServerBuild["routes"], id: string): string {
  const parts: string[] = [];
  let route: ServerBuild["routes"][string] | undefined = routes[id];
  for (; route; route = route.parentId ? routes[route.parentId] : undefined) {
    if (route.path) parts.unshift(route.path);
  }
  return `/${parts.join("/")}`;
}

let store: TestDatabase;
let app: TestApp;
let w: TwoTenants;
/** Room A's plan (from the English standard template): a shared customer task, an internal task, a milestone. */
let planA: {
  sharedTask: typeof tasks.$inferSelect;
  internalTask: typeof tasks.$inferSelect;
  milestone: typeof milestones.$inferSelect;
};
let build: ServerBuild;
let counter = 0;
/** A kickoff in room A. */
let meetingA: string;
/** Account A's uploaded logo. */
let logoA: { id: string };
/** The vendor's logo (public). */
let workspaceLogo: { id: string };
/** A shared document of room A (issue 12). */
let documentA: { id: string; title: string };
/** A weekly report sent in room A. */
let reportA: { id: string };
/** A library form, and its copy attached to planA.sharedTask (room A) with one short text field. */
let formsA: { libraryFormId: string; roomFormId: string; fieldId: string; roomId: string };
/** A lesson module in room A's curriculum, for everyone on the customer side (issue 12). */
let trainingA: { moduleId: string; itemId: string };
let certificateA: { pathId: string; userId: string };

beforeAll(async () => {
  store = createTestDatabase();
  w = seedTwoTenants(store.db);
  useDatabase(store.db);
  createPlanFromTemplate({ ...getRoomAccess(w.csmA, w.roomA.id)!, user: w.csmA }, w.templateId);
  const roomTasks = store.db.select().from(tasks).where(eq(tasks.roomId, w.roomA.id)).all();
  planA = {
    sharedTask: roomTasks.find((t) => t.visibility === "shared" && t.side === "customer")!,
    internalTask: roomTasks.find((t) => t.visibility === "internal")!,
    milestone: store.db.select().from(milestones).where(eq(milestones.roomId, w.roomA.id)).get()!,
  };
  // A decided sign-off request, so the acceptance record of room A's milestone exists.
  store.db
    .insert(milestoneSignOffs)
    .values({
      roomId: w.roomA.id,
      milestoneId: planA.milestone.id,
      requestedAt: new Date(),
      decision: "approved",
      decidedAt: new Date(),
    })
    .run();
  meetingA = scheduleMeeting(
    { ...getRoomAccess(w.csmA, w.roomA.id)!, user: w.csmA },
    { type: "kickoff", date: "2026-12-10", time: "10:00", durationMinutes: 60, attendeeIds: [] },
  );
  // One attendee with an address, so the minutes can be sent.
  const mailPerson = makeStakeholder(store.db, w.roomA.id, { name: "Mail Person", email: "mail@a.example" });
  addAttendees(store.db, meetingA, [mailPerson.id]);
  reportA = store.db
    .insert(statusReports)
    .values({
      roomId: w.roomA.id,
      periodStart: "2026-11-25",
      periodEnd: "2026-12-01",
      content: buildStatusReport(
        { tasks: [], milestones: [], meetings: [], actionItems: [], goals: [], intro: null },
        "2026-12-01",
      ),
      sentAt: new Date(),
      recipientCount: 3,
    })
    .returning()
    .get();
  {
    const actor = w.csmA as StaffUser;
    const libraryFormId = createLibraryForm(actor, { title: "Access hearing sheet", language: "en" });
    addField({ kind: "library", actor }, libraryFormId, {
      kind: "short_text",
      label: "Company",
      required: false,
      version: 1,
    });
    const roomFormId = attachToTask(
      { ...getRoomAccess(w.csmA, w.roomA.id)!, user: w.csmA },
      planA.sharedTask.id,
      {
        formId: libraryFormId,
        completesTask: false,
      },
    );
    const field = store.db.select().from(formFields).where(eq(formFields.formId, roomFormId)).get()!;
    formsA = { libraryFormId, roomFormId, fieldId: field.id, roomId: w.roomA.id };
    const moduleId = createModule(
      w.csmA as StaffUser,
      {
        kind: "lesson",
        title: "Access lesson",
        product: null,
        persona: null,
        language: "en",
        doc: textToRichText("Read me"),
      },
      null,
    );
    addItem(
      { ...getRoomAccess(w.csmA, w.roomA.id)!, user: w.csmA },
      {
        moduleId,
        dueOffsetDays: 7,
        assignee: { audience: "all_customers" },
      },
    );
    trainingA = { moduleId, itemId: listItems(store.db, w.roomA.id).at(-1)!.item.id };
    // A learning path the customer admin completed: its certificate exists.
    const pathId = createPath({ title: "Access path", persona: null, language: "en" });
    const pathModule = createModule(
      w.csmA as StaffUser,
      {
        kind: "lesson",
        title: "Access path lesson",
        product: null,
        persona: null,
        language: "en",
        doc: textToRichText("Path"),
      },
      null,
    );
    changePath(pathId, 1, { op: "add", moduleId: pathModule, dueOffsetDays: 7 });
    addPathToRoom(
      { ...getRoomAccess(w.csmA, w.roomA.id)!, user: w.csmA },
      { pathId, audience: "customer_admin" },
    );
    reportLesson(
      { ...getRoomAccess(w.customerAdminA, w.roomA.id)!, user: w.customerAdminA },
      listItems(store.db, w.roomA.id).at(-1)!.item.id,
      { position: 1, end: true },
    );
    certificateA = { pathId, userId: w.customerAdminA.id };
  }
  app = await startTestApp({ databasePath: store.path });
  logoA = await storeTestImage(store.db, store.path, { purpose: "account-logo", createdById: w.csmA.id });
  store.db.update(accounts).set({ logoFileId: logoA.id }).where(eq(accounts.id, w.accountA.id)).run();
  workspaceLogo = await storeTestImage(store.db, store.path, { purpose: "workspace-logo", color: "#333333" });
  const docBytes = Buffer.from("Access test document\n");
  blobStore().put(sha256Hex(docBytes), docBytes);
  documentA = uploadDocument(
    { ...getRoomAccess(w.csmA, w.roomA.id)!, user: w.csmA },
    {
      sha256: sha256Hex(docBytes),
      byteSize: docBytes.byteLength,
      contentType: "text/plain",
      originalName: "a.txt",
    },
    { title: "Access Document A", folderId: undefined, visibility: "shared", note: undefined },
  );
  build = (await import(
    /* @vite-ignore */ pathToFileURL(resolve("build/server/index.js")).href
  )) as ServerBuild;
});

afterAll(async () => {
  await app?.close();
  useDatabase(undefined);
  store?.dispose();
});

function userOf(persona: Persona): string | null {
  const ids: Record<Persona, string | null> = {
    anon: null,
    admin: w.admin.id,
    csmA: w.csmA.id,
    csmIdle: w.csmIdle.id,
    salesA: w.salesA.id,
    customerAdminA: w.customerAdminA.id,
    memberA: w.memberA.id,
    viewerA: w.viewerA.id,
    customerB: w.customerB.id,
  };
  return ids[persona];
}

/** A new client with a session of its own, so nothing one request does (sign-out) reaches the next. */
function clientAs(persona: Persona | { userId: string }): Client {
  const client = new Client(app.url);
  const userId = typeof persona === "string" ? userOf(persona) : persona.userId;
  if (userId) signInAs(store.db, client, userId);
  return client;
}

function fill(pattern: string): string {
  const path = pattern
    .replace(":roomId", w.roomA.id)
    .replace(":messageId", w.outboxA.id)
    .replace(":templateId", w.templateId)
    .replace(":formId", pattern.startsWith("/rooms/") ? formsA.roomFormId : formsA.libraryFormId)
    .replace(":taskId", planA.sharedTask.id)
    .replace(":milestoneId", planA.milestone.id)
    .replace(":meetingId", meetingA)
    .replace(":accountId", w.accountA.id)
    .replace(":fileId", logoA.id)
    .replace(":documentId", documentA.id)
    .replace(":kind", "milestone")
    .replace(":itemId", planA.milestone.id)
    .replace(":trainingItemId", trainingA.itemId)
    .replace(":moduleId", trainingA.moduleId)
    .replace(":pathId", certificateA.pathId)
    .replace(":userId", certificateA.userId)
    .replace(":token", "not-a-feed-token")
    .replace(":reportId", reportA.id)
    .replace("*", "no-such-page/below");
  if (path.includes(":")) throw new Error(`fill(): no value for a parameter of ${pattern}`);
  return path;
}

function substitute(path: string): string {
  return path.replace(":roomA", w.roomA.id).replace(":roomB", w.roomB.id);
}

/** What a response did, in one comparable line: "200", "403", "302 /portfolio". */
function describeResponse(res: Response): string {
  const location = res.headers.get("Location");
  return location ? `${res.status} ${location}` : `${res.status}`;
}

function matches(outcome: Outcome, actual: string, path: string): boolean {
  if (outcome === SIGN_IN) return actual === `302 /sign-in?redirectTo=${encodeURIComponent(path)}`;
  if (typeof outcome === "number") return actual === `${outcome}`;
  if (typeof outcome.to === "string") return actual === `302 ${substitute(outcome.to)}`;
  return actual.startsWith("302 ") && outcome.to.test(actual.slice(4));
}

function isSuccess(outcome: Outcome): boolean {
  return outcome === 200 || outcome === 204 || (typeof outcome === "object" && outcome.to !== "/sign-in");
}

function leaks(body: string): string[] {
  return w.secretsOfA.filter((secret) => body.includes(secret));
}

/** Who must never see anything of room A: no session, or a customer of another account. */
const OUTSIDERS: Persona[] = ["anon", "customerB"];

describe("route manifest", () => {
  it("names every route of the build in the access table, and no route that is gone", () => {
    const built = Object.keys(build.routes).filter((id) => id !== "root");
    const missingFromTable = built.filter((id) => !(id in ROUTES)).sort();
    const noLongerBuilt = Object.keys(ROUTES)
      .filter((id) => !built.includes(id))
      .sort();
    expect({ missingFromTable, noLongerBuilt }).toEqual({ missingFromTable: [], noLongerBuilt: [] });
  });

  it("has the URL pattern and the methods of each route right", () => {
    const actual = Object.fromEntries(
      Object.keys(build.routes)
        .filter((id) => id !== "root")
        .map((id) => {
          const module = build.routes[id]!.module;
          return [
            id,
            { pattern: fullPattern(build.routes, id), GET: !!module.loader, POST: !!module.action },
          ];
        }),
    );
    const table = Object.fromEntries(
      Object.entries(ROUTES).map(([id, spec]) => [
        id,
        { pattern: spec.pattern, GET: !!spec.GET, POST: !!spec.POST?.length },
      ]),
    );
    expect(table).toEqual(actual);
  });
});

describe.each(Object.entries(ROUTES))("%s", (id, spec) => {
  if (spec.GET) {
    const matrix = spec.GET;
    it("GET: status per role, and nothing of room A for outsiders", async () => {
      const path = fill(spec.pattern);
      const failures: string[] = [];
      for (const persona of PERSONAS) {
        const res = await clientAs(persona).get(path);
        const actual = describeResponse(res);
        const body = await res.text();
        if (!matches(matrix[persona], actual, path))
          failures.push(`${persona}: expected ${JSON.stringify(matrix[persona])}, got ${actual}`);
        if (OUTSIDERS.includes(persona) && leaks(body).length)
          failures.push(`${persona}: page shows ${leaks(body).join(", ")}`);
        if (spec.shows && matrix[persona] === 200 && !body.includes(spec.shows(w)))
          failures.push(`${persona}: page does not show ${spec.shows(w)}`);
      }
      expect(failures).toEqual([]);
    });

    it("GET as a data request (client-side navigation): this route's loader guards itself", async () => {
      const path = fill(spec.pattern);
      const dataPath = `${path === "/" ? "/_root" : path}.data?_routes=${encodeURIComponent(id)}`;
      const failures: string[] = [];
      for (const persona of PERSONAS) {
        const res = await clientAs(persona).get(dataPath);
        const body = await res.text();
        // Single fetch answers a redirect with 202 (and the Location): compare it as the redirect it is.
        const actual = res.status === 202 ? `302 ${res.headers.get("Location")}` : describeResponse(res);
        if (!matches(matrix[persona], actual, path))
          failures.push(`${persona}: expected ${JSON.stringify(matrix[persona])}, got ${actual}`);
        if (OUTSIDERS.includes(persona) && leaks(body).length)
          failures.push(`${persona}: data shows ${leaks(body).join(", ")}`);
      }
      expect(failures).toEqual([]);
    });
  }

  for (const postCase of spec.POST ?? []) {
    it(`POST ${postCase.label}: status per role, effect only when allowed`, async () => {
      // Posted with the index route's "?index"; a refusal's sign-in redirect names the page without it.
      const path = fill(spec.pattern);
      const failures: string[] = [];
      for (const persona of PERSONAS) {
        const { form, effect } = postCase.prepare(w, store.db, ++counter);
        const res = await clientAs(persona).post(path + (spec.postSearch ?? ""), form);
        const actual = describeResponse(res);
        const body = await res.text();
        const expected = postCase.expect[persona];
        if (!matches(expected, actual, path))
          failures.push(`${persona}: expected ${JSON.stringify(expected)}, got ${actual}`);
        if (effect && effect() !== isSuccess(expected))
          failures.push(`${persona}: effect ${effect() ? "happened" : "did not happen"}`);
        if (OUTSIDERS.includes(persona) && leaks(body).length)
          failures.push(`${persona}: response shows ${leaks(body).join(", ")}`);
      }
      expect(failures).toEqual([]);
    });
  }
});

describe("tenant isolation in lists", () => {
  it("a customer of account B sees only room B in their rooms", async () => {
    const client = clientAs("customerB");
    const redirect = await client.get("/rooms");
    expect(describeResponse(redirect)).toBe(`302 /rooms/${w.roomB.id}`);
    const list = await client.get("/rooms?list=1");
    const body = await list.text();
    expect(list.status).toBe(200);
    expect(body).toContain(w.roomB.title);
    expect(leaks(body)).toEqual([]);
    const members = await client.get(`/rooms/${w.roomB.id}/team`);
    const membersBody = await members.text();
    expect(members.status).toBe(200);
    expect(membersBody).toContain(w.customerB.email);
    expect(leaks(membersBody)).toEqual([]);
  });

  it("the salesperson of account B sees neither account A in the portfolio nor through search", async () => {
    const client = clientAs({ userId: w.salesB.id });
    for (const path of [
      "/portfolio",
      "/portfolio?scope=all",
      "/portfolio?q=Quokka",
      "/portfolio?q=Zanzibar",
      "/portfolio?view=priority",
      "/portfolio?view=priority&scope=all&band=grey",
    ]) {
      const res = await client.get(path);
      const body = await res.text();
      expect(res.status, path).toBe(200);
      expect(leaks(body), path).toEqual([]);
      // The priority view plots scored rooms only, and these rooms have no health computed yet.
      if (!path.includes("q=") && !path.includes("view=priority"))
        expect(body, path).toContain(w.accountB.name);
    }
    // The same page does list account A for its own salesperson.
    const own = await clientAs("salesA").get("/portfolio");
    const ownBody = await own.text();
    expect(ownBody).toContain(w.accountA.name);
    expect(ownBody).not.toContain(w.accountB.name);
  });

  it("a CSM's own portfolio lists only their accounts", async () => {
    const res = await clientAs({ userId: w.csmB.id }).get("/portfolio");
    const body = await res.text();
    expect(res.status).toBe(200);
    expect(body).toContain(w.roomB.title);
    expect(body).not.toContain(w.roomA.title);
    const idle = await (await clientAs("csmIdle").get("/portfolio")).text();
    expect(idle).not.toContain(w.roomA.title);
    expect(idle).not.toContain(w.roomB.title);
  });

  it("internal plan items are 404 for customers, by page and by calendar download", async () => {
    const paths = [
      `/rooms/${w.roomA.id}/tasks/${planA.internalTask.id}`,
      `/rooms/${w.roomA.id}/ics/task/${planA.internalTask.id}`,
    ];
    for (const path of paths) {
      for (const persona of ["customerAdminA", "memberA", "viewerA"] as const) {
        const response = await clientAs(persona).get(path);
        expect(response.status, `${persona} ${path}`).toBe(404);
        expect(await response.text()).not.toContain(planA.internalTask.title);
      }
      expect((await clientAs("csmA").get(path)).status, `csmA ${path}`).toBe(200);
    }
  });

  it("ids of another room are refused even where the user has rights", async () => {
    // csmB runs room B; a membership and an invitation of room A must not be reachable through it.
    const victim = makeCustomer(store.db, { email: "idor-victim@quokka.example" });
    const membership = addMember(store.db, w.roomA.id, victim.id, "customer_member");
    const invitation = makeInvitation(store.db, {
      roomId: w.roomA.id,
      invitedById: w.csmA.id,
      email: "idor-pending@quokka.example",
    });
    const client = clientAs({ userId: w.csmB.id });
    const remove = await client.post(`/rooms/${w.roomB.id}/team`, {
      intent: "removeMember",
      membershipId: membership.id,
    });
    expect(remove.status).toBe(404);
    expect(store.db.select().from(memberships).where(eq(memberships.id, membership.id)).get()).toBeTruthy();
    const revoke = await client.post(`/rooms/${w.roomB.id}/team`, {
      intent: "revoke",
      invitationId: invitation.id,
    });
    expect(revoke.status).toBe(404);
    const row = store.db.select().from(invitations).where(eq(invitations.id, invitation.id)).get()!;
    expect(row.revokedAt).toBeNull();
  });
});

describe("losing access takes effect on the next request", () => {
  it("a removed member gets 404 for the room at once, and keeps their other rooms", async () => {
    const leaver = makeCustomer(store.db, { name: "Lee Leaver", email: "lee.leaver@quokka.example" });
    const membership = addMember(store.db, w.roomA.id, leaver.id, "customer_member");
    addMember(store.db, w.roomA2.id, leaver.id, "customer_member");
    const client = clientAs({ userId: leaver.id });
    expect((await client.get(`/rooms/${w.roomA.id}`)).status).toBe(200);

    const removed = await clientAs("csmA").post(`/rooms/${w.roomA.id}/team`, {
      intent: "removeMember",
      membershipId: membership.id,
    });
    expect(removed.status).toBe(200);

    const after = await client.get(`/rooms/${w.roomA.id}`);
    expect(after.status).toBe(404);
    expect(await after.text()).not.toContain(w.roomA.title);
    expect((await client.get(`/rooms/${w.roomA.id}/team`)).status).toBe(404);
    expect((await client.get(`/rooms/${w.roomA2.id}`)).status).toBe(200);
  });

  it("a customer removed from their last room is signed out", async () => {
    const leaver = makeCustomer(store.db, { email: "last.room@quokka.example" });
    const membership = addMember(store.db, w.roomA.id, leaver.id, "viewer");
    const client = clientAs({ userId: leaver.id });
    expect((await client.get(`/rooms/${w.roomA.id}`)).status).toBe(200);
    const removed = await clientAs("csmA").post(`/rooms/${w.roomA.id}/team`, {
      intent: "removeMember",
      membershipId: membership.id,
    });
    expect(removed.status).toBe(200);
    const path = `/rooms/${w.roomA.id}`;
    expect(describeResponse(await client.get(path))).toBe(
      `302 /sign-in?redirectTo=${encodeURIComponent(path)}`,
    );
    expect(sessionCount(store.db, leaver.id)).toBe(0);
  });

  it("a deactivated staff user is anonymous on the next request", async () => {
    const staff = makeStaff(store.db, { staffRole: "csm", email: "soon.gone@vendor.example" });
    const client = clientAs({ userId: staff.id });
    expect((await client.get("/portfolio")).status).toBe(200);
    expect((await client.get(`/rooms/${w.roomA.id}`)).status).toBe(200);

    const res = await clientAs("admin").post("/admin/users", {
      intent: "active",
      userId: staff.id,
      active: "false",
    });
    expect(res.status).toBe(200);
    expect(store.db.select().from(users).where(eq(users.id, staff.id)).get()!.active).toBe(false);

    expect(describeResponse(await client.get("/portfolio"))).toBe(
      `302 /sign-in?redirectTo=${encodeURIComponent("/portfolio")}`,
    );
    const room = `/rooms/${w.roomA.id}`;
    expect(describeResponse(await client.get(room))).toBe(
      `302 /sign-in?redirectTo=${encodeURIComponent(room)}`,
    );
    // The sign-in page treats them as signed out instead of bouncing them back.
    expect((await client.get("/sign-in")).status).toBe(200);
  });
});

describe("cross-origin POSTs", () => {
  async function rawPost(path: string, client: Client, headers: Record<string, string>) {
    return fetch(new URL(path, app.url), {
      method: "POST",
      redirect: "manual",
      headers: {
        Cookie: client.cookieHeader(),
        "Content-Type": "application/x-www-form-urlencoded",
        ...headers,
      },
      body: new URLSearchParams({}).toString(),
    });
  }

  it("are refused by the express layer before they change anything", async () => {
    const target = makeStaff(store.db, { email: "csrf-target@vendor.example" });
    const victim = makeCustomer(store.db, { email: "csrf-victim@quokka.example" });
    const membership = addMember(store.db, w.roomA.id, victim.id, "customer_member");
    const admin = clientAs("admin");
    const deactivate = new URLSearchParams({ intent: "active", userId: target.id, active: "false" });
    const remove = new URLSearchParams({ intent: "removeMember", membershipId: membership.id });

    const attempts: [string, URLSearchParams, Record<string, string>][] = [
      ["/admin/users", deactivate, { Origin: "https://evil.example" }],
      ["/admin/users", deactivate, {}],
      ["/admin/users", deactivate, { Origin: "null" }],
      ["/admin/users", deactivate, { "Sec-Fetch-Site": "cross-site" }],
      ["/admin/users", deactivate, { Origin: app.url.replace("127.0.0.1", "localhost") }],
      [`/rooms/${w.roomA.id}/team`, remove, { Origin: "https://evil.example" }],
      [`/rooms/${w.roomA.id}/team`, remove, {}],
      ["/sign-out", new URLSearchParams(), { Origin: "https://evil.example" }],
    ];
    for (const [path, body, headers] of attempts) {
      const res = await fetch(new URL(path, app.url), {
        method: "POST",
        redirect: "manual",
        headers: {
          Cookie: admin.cookieHeader(),
          "Content-Type": "application/x-www-form-urlencoded",
          ...headers,
        },
        body: body.toString(),
      });
      expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
      expect(await res.text()).toBe("Cross-origin request refused");
    }
    expect(store.db.select().from(users).where(eq(users.id, target.id)).get()!.active).toBe(true);
    expect(store.db.select().from(memberships).where(eq(memberships.id, membership.id)).get()).toBeTruthy();
    // Still signed in: the refused sign-out ended nothing.
    expect((await admin.get("/admin/users")).status).toBe(200);

    // The same request from the app's own origin goes through: the refusals above were about the origin.
    const same = await rawPost("/admin/users", admin, { Origin: app.url });
    expect(same.status).toBe(400);
    const allowed = await admin.post("/admin/users", Object.fromEntries(deactivate));
    expect(allowed.status).toBe(200);
    expect(store.db.select().from(users).where(eq(users.id, target.id)).get()!.active).toBe(false);
  });
});
