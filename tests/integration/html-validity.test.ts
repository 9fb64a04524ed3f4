import { and, eq } from "drizzle-orm";
import { addActionItem, addDecision, saveNotes, scheduleMeeting } from "~/domain/meetings/meetings.server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StaffUser } from "~/access/users";
import {
  addField,
  attachToTask,
  createLibraryForm,
  saveDraft,
  submitAnswers,
} from "~/domain/forms/forms.server";
import { useDatabase } from "#db/client.server";
import { createFolder, uploadDocument } from "~/domain/documents/documents.server";
import { sha256Hex } from "~/domain/files/store.server";
import {
  formFields,
  handoffMessages,
  handoffs,
  milestones,
  milestoneSignOffs,
  raciAssignments,
  reviewFindings,
  reviews,
  rooms,
  stakeholders,
  statusReports,
  surveyRequests,
  tasks,
  templateTasks,
} from "#db/schema";
import ReviewSurveyEmail from "#emails/review-survey";
import { hashToken } from "~/utils/tokens.server";
import { HandoffMessageEmail, HandoffSubmittedEmail } from "#emails/handoff";
import HealthAlertEmail from "#emails/health-alert";
import InvitationEmail from "#emails/invitation";
import MagicLinkEmail from "#emails/magic-link";
import MeetingInvitationEmail from "#emails/meeting-invitation";
import MeetingMinutesEmail from "#emails/meeting-minutes";
import MentionsEmail from "#emails/mentions";
import MilestoneCompletedEmail from "#emails/milestone-completed";
import SignOffRequestEmail from "#emails/sign-off-request";
import StatusReportEmail from "#emails/status-report";
import RaciConsultEmail from "#emails/raci-consult";
import TaskRemindersEmail from "#emails/task-reminders";
import { renderEmail } from "~/mail/render.server";
import { parseRichText } from "~/domain/richtext/richtext";
import { acceptedHostileDoc } from "../fixtures/hostile-rich-text";
import { createPlanFromTemplate } from "~/domain/plan/plan.server";
import { addCheckin, listGoals } from "~/domain/goals/goals.server";
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
import { documentOnly, validateHtml } from "../helpers/vnu";
import { addItem, addPathToRoom, listItems } from "~/domain/training/curriculum.server";
import { changePath, createModule, createPath } from "~/domain/training/library.server";
import { reportLesson } from "~/domain/training/progress.server";
import { textToRichText } from "~/domain/richtext/richtext";
import en from "~/i18n/locales/en/app.json";
import ja from "~/i18n/locales/ja/app.json";

// The main pages of the built app, as the users who see them, and one email of each kind, checked by the
// W3C Nu Html Checker (vnu.jar from npm, run once for all documents).

let tdb: TestDatabase;
let app: TestApp;
let w: TwoTenants;

/** issue 12: the form pages' ids. */
const formPages = { libraryFormId: "", submittedTask: "", draftTask: "", draftFormId: "" };

let documentA: string;

beforeAll(async () => {
  tdb = createTestDatabase();
  useDatabase(tdb.db);
  w = seedTwoTenants(tdb.db);
  // People of both sides before the plan, so the RACI grid has columns and the template's letters.
  tdb.db
    .insert(stakeholders)
    .values([
      { roomId: w.roomA.id, name: "Raci Vendor", side: "vendor", teamRole: "csm" },
      { roomId: w.roomA.id, name: "Raci Sponsor", side: "customer", teamRole: "sponsor" },
    ])
    .run();
  createPlanFromTemplate({ ...getRoomAccess(w.csmA, w.roomA.id)!, user: w.csmA }, w.templateId);
  // issue 12: a library form with every kind of field, attached to two tasks: one submitted (the CSM's
  // review with its versions), one with a draft (the customer's inputs).
  {
    const actor = w.csmA as StaffUser;
    formPages.libraryFormId = createLibraryForm(actor, { title: "Hearing sheet", language: "en" });
    const kinds: [string, string?][] = [
      ["short_text"],
      ["long_text"],
      ["number"],
      ["date"],
      ["single_choice", "A\nB"],
      ["multiple_choice", "A\nB"],
      ["yes_no"],
      ["file"],
      ["table", "Name | text | required\nEmail | email"],
    ];
    kinds.forEach(([kind, options], i) =>
      addField({ kind: "library", actor }, formPages.libraryFormId, {
        kind: kind as never,
        label: `Question ${i}`,
        help: i === 0 ? "Help text" : undefined,
        required: i % 2 === 0,
        options,
        version: i + 1,
      }),
    );
    const ctx = { ...getRoomAccess(w.csmA, w.roomA.id)!, user: w.csmA };
    const [first, second] = tdb.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.roomId, w.roomA.id), eq(tasks.visibility, "shared")))
      .all();
    attachToTask(ctx, first!.id, { formId: formPages.libraryFormId, completesTask: true });
    formPages.draftFormId = attachToTask(ctx, second!.id, {
      formId: formPages.libraryFormId,
      completesTask: false,
    });
    formPages.submittedTask = first!.id;
    formPages.draftTask = second!.id;
    const customer = { ...getRoomAccess(w.memberA, w.roomA.id)!, user: w.memberA };
    const posted = (version: number) => ({ raw: {}, uploads: new Map(), refused: new Map(), version });
    saveDraft(customer, second!.id, posted(0));
    const ids = tdb.db.select().from(formFields).all();
    const raw: Record<string, string> = {};
    for (const f of ids) {
      if (f.kind === "short_text" || f.kind === "long_text") raw[`f_${f.id}`] = "Text";
      if (f.kind === "number") raw[`f_${f.id}`] = "3";
      if (f.kind === "date") raw[`f_${f.id}`] = "2027-01-01";
      if (f.kind === "single_choice" || f.kind === "multiple_choice") raw[`f_${f.id}`] = "A";
      if (f.kind === "yes_no") raw[`f_${f.id}`] = "yes";
      if (f.kind === "table") raw[`f_${f.id}.0.c1`] = "Ann";
    }
    submitAnswers(customer, first!.id, { ...posted(0), raw });
  }
  // A goal with check-ins, so the success plan's chart and history table are checked too.
  const goalCtx = { ...getRoomAccess(w.csmA, w.roomA.id)!, user: w.csmA };
  // Issue 12: a folder and a document (an image, so the page has its preview) in room A.
  const docFolder = createFolder(goalCtx, { name: "Contracts", visibility: "shared" });
  const docBytes = Buffer.from("not served by this test");
  documentA = uploadDocument(
    goalCtx,
    {
      sha256: sha256Hex(docBytes),
      byteSize: docBytes.byteLength,
      contentType: "image/png",
      originalName: "diagram.png",
    },
    { title: "Diagram", folderId: docFolder.id, visibility: "shared", note: undefined },
  ).id;
  const firstGoal = listGoals(goalCtx).goals[0]!;
  addCheckin(goalCtx, { goalId: firstGoal.id, value: 12, date: "2026-11-10", comment: "<b>not bold</b>" });
  addCheckin(goalCtx, { goalId: firstGoal.id, value: 20, date: "2026-11-20" });
  // A welcome note with every kind of node, so the overview's rendered rich text is checked too.
  tdb.db
    .update(rooms)
    .set({ welcomeNote: parseRichText(acceptedHostileDoc()) })
    .where(eq(rooms.id, w.roomA.id))
    .run();
  // A submitted handoff with every kind of note node, people and a thread (account B), for its view.
  const handoffB = tdb.db
    .insert(handoffs)
    .values({
      accountId: w.accountB.id,
      status: "submitted",
      productsBought: "Plan",
      whyBought: "Why",
      successMetrics: "Metrics",
      contractStart: "2026-11-01",
      crmDealUrl: "https://crm.example.com/deals/1",
      people: [{ name: "Pat Platypus", email: "pat@platypus.example", title: "Lead", teamRole: "sponsor" }],
      notes: parseRichText(acceptedHostileDoc()),
      submittedById: w.salesB.id,
      submittedAt: new Date(),
    })
    .returning()
    .get();
  tdb.db.insert(handoffMessages).values({ handoffId: handoffB.id, authorId: w.csmB.id, body: "When?" }).run();
  // A review of room A with answers, a finding proposing a template change, an answered and an open survey.
  const reviewA = tdb.db
    .insert(reviews)
    .values({
      roomId: w.roomA.id,
      startedAt: new Date(),
      answers: { positioned: "Yes <b>mostly</b>", gap: "Handoff" },
    })
    .returning()
    .get();
  const templateTask = tdb.db
    .select()
    .from(templateTasks)
    .where(eq(templateTasks.templateId, w.templateId))
    .get()!;
  tdb.db
    .insert(reviewFindings)
    .values({
      reviewId: reviewA.id,
      roomId: w.roomA.id,
      category: "handoff",
      cost: "high",
      fixBy: "2027-01-31",
      description: "Security review <missed>",
      templateId: w.templateId,
      proposalKind: "change_task",
      proposal: { taskId: templateTask.id, title: "Security review", targetTitle: templateTask.title },
      proposalStatus: "proposed",
    })
    .run();
  const inFortnight = new Date(Date.now() + 14 * 24 * 3600 * 1000);
  tdb.db
    .insert(surveyRequests)
    .values([
      {
        reviewId: reviewA.id,
        roomId: w.roomA.id,
        email: "a@quokka.example",
        locale: "ja",
        tokenHash: hashToken("survey-open"),
        expiresAt: inFortnight,
      },
      {
        reviewId: reviewA.id,
        roomId: w.roomA.id,
        email: "b@quokka.example",
        locale: "ja",
        tokenHash: hashToken("survey-used"),
        expiresAt: inFortnight,
        answeredAt: new Date(),
        satisfaction: 4,
        recommend: 9,
        comment: "<script>x</script>",
      },
    ])
    .run();
  app = await startTestApp({ databasePath: tdb.path });
});

afterAll(async () => {
  await app?.close();
  tdb?.dispose();
});

async function page(userId: string | null, path: string, lang = "ja", status = 200): Promise<string> {
  const client = new Client(app.url);
  if (userId) signInAs(tdb.db, client, userId);
  client.cookies.set("lang", lang);
  const res = await client.request(path, { headers: { "Accept-Language": lang } });
  expect(res.status, path).toBe(status);
  expect(res.headers.get("content-type"), path).toMatch(/^text\/html/);
  return res.text();
}

describe("HTML validity (W3C Nu Html Checker)", () => {
  it("finds no errors in the main pages and the emails", { timeout: 240_000 }, async () => {
    const room = `/rooms/${w.roomA.id}`;
    const task = tdb.db.select().from(tasks).where(eq(tasks.roomId, w.roomA.id)).get()!;
    const milestone = tdb.db.select().from(milestones).where(eq(milestones.roomId, w.roomA.id)).get()!;
    // A held kickoff with rich notes, a decision and an action item: the meeting page's every part.
    const ctx = { ...getRoomAccess(w.csmA, w.roomA.id)!, user: w.csmA };
    const meetingId = scheduleMeeting(ctx, {
      type: "kickoff",
      date: "2026-11-02",
      time: "10:00",
      durationMinutes: 60,
      videoUrl: "https://meet.example.com/x",
      attendeeIds: [],
    });
    saveNotes(ctx, meetingId, {
      shared: parseRichText(acceptedHostileDoc()),
      internal: parseRichText(acceptedHostileDoc()),
      notesVersion: 1,
    });
    addDecision(ctx, meetingId, "Decided <this>");
    addActionItem(ctx, meetingId, { text: "Do <that>", dueDate: "2026-12-01" });
    const invite = makeInvitation(tdb.db, {
      roomId: w.roomA.id,
      invitedById: w.csmA.id,
      email: "new.person@quokka.example",
    });
    // A sent weekly report with every section filled (the email's preview content).
    const sentReport = tdb.db
      .insert(statusReports)
      .values({
        roomId: w.roomA.id,
        periodStart: StatusReportEmail.PreviewProps.content.periodStart,
        periodEnd: StatusReportEmail.PreviewProps.content.periodEnd,
        content: StatusReportEmail.PreviewProps.content,
        sentAt: new Date(),
        recipientCount: 3,
      })
      .returning()
      .get();
    // A milestone waiting for customerAdminA's sign-off after a round of changes with a hostile comment.
    const signOffMilestone = tdb.db
      .select()
      .from(milestones)
      .where(eq(milestones.roomId, w.roomA.id))
      .all()
      .find((m) => m.id !== milestone.id)!;
    tdb.db
      .update(milestones)
      .set({ signOffRequired: true })
      .where(eq(milestones.id, signOffMilestone.id))
      .run();
    const approver = tdb.db
      .insert(stakeholders)
      .values({
        roomId: w.roomA.id,
        name: w.customerAdminA.name,
        side: "customer",
        userId: w.customerAdminA.id,
      })
      .returning()
      .get();
    tdb.db
      .insert(raciAssignments)
      .values({
        roomId: w.roomA.id,
        subjectType: "milestone",
        subjectId: signOffMilestone.id,
        stakeholderId: approver.id,
        letter: "A",
      })
      .run();
    tdb.db
      .insert(milestoneSignOffs)
      .values([
        {
          roomId: w.roomA.id,
          milestoneId: signOffMilestone.id,
          approverId: approver.id,
          requestedAt: new Date(Date.now() - 86_400_000),
          decision: "changes_requested",
          decidedAt: new Date(Date.now() - 3_600_000),
          decidedById: w.customerAdminA.id,
          comment: '"><img src=x onerror="window.__pwned=1"> & <b>more</b>',
        },
        {
          roomId: w.roomA.id,
          milestoneId: signOffMilestone.id,
          approverId: approver.id,
          requestedAt: new Date(),
        },
      ])
      .run();
    const signOffPage = `${room}/milestones/${signOffMilestone.id}`;
    // Training (issue 12): a quiz in room A's curriculum for everyone on the customer side.
    const quizModule = createModule(
      w.csmA as StaffUser,
      {
        kind: "quiz",
        title: "Validity quiz",
        product: "core",
        persona: "admin",
        language: "en",
        quizText: "? One\n* yes\n- no\n? Two\n* a\n* b\n- c",
        passScore: 100,
        maxAttempts: 2,
      },
      null,
    );
    addItem(
      { ...getRoomAccess(w.csmA, w.roomA.id)!, user: w.csmA },
      {
        moduleId: quizModule,
        dueOffsetDays: 3,
        assignee: { audience: "all_customers" },
      },
    );
    const quizItem = listItems(tdb.db, w.roomA.id).at(-1)!.item.id;
    // A learning path the customer admin completed, for the certificate (and its links).
    const pathId = createPath({ title: "Validity path", persona: null, language: "en" });
    const pathLesson = createModule(
      w.csmA as StaffUser,
      {
        kind: "lesson",
        title: "Validity lesson",
        product: null,
        persona: null,
        language: "en",
        doc: textToRichText("Read"),
      },
      null,
    );
    changePath(pathId, 1, { op: "add", moduleId: pathLesson, dueOffsetDays: 1 });
    addPathToRoom(
      { ...getRoomAccess(w.csmA, w.roomA.id)!, user: w.csmA },
      { pathId, audience: "customer_admin" },
    );
    reportLesson(
      { ...getRoomAccess(w.customerAdminA, w.roomA.id)!, user: w.customerAdminA },
      listItems(tdb.db, w.roomA.id).at(-1)!.item.id,
      { position: 1, end: true },
    );
    const certificate = `${room}/training/certificates/${pathId}/${w.customerAdminA.id}`;
    const pages: Record<string, [string | null, string, string?, number?]> = {
      "milestone-sign-off-approver": [w.customerAdminA.id, signOffPage],
      "milestone-sign-off-staff-en": [w.csmA.id, signOffPage, "en"],
      acceptance: [w.memberA.id, `${signOffPage}/acceptance`],
      "acceptance-en": [w.csmA.id, `${signOffPage}/acceptance`, "en"],
      "sign-in": [null, "/sign-in"],
      "sign-in-en": [null, "/sign-in", "en"],
      invite: [null, `/invite?token=${invite.token}`],
      "not-found": [w.csmA.id, "/no-such-page", "ja", 404],
      portfolio: [w.csmA.id, "/portfolio"],
      "room-overview-customer": [w.memberA.id, room],
      "room-overview-staff": [w.csmA.id, room],
      "welcome-edit": [w.csmA.id, `${room}/welcome`],
      meetings: [w.memberA.id, `${room}/meetings`],
      "meeting-new": [w.csmA.id, `${room}/meetings/new`],
      "meeting-staff": [w.csmA.id, `${room}/meetings/${meetingId}`],
      "meeting-customer": [w.memberA.id, `${room}/meetings/${meetingId}`, "en"],
      "admin-agendas": [w.admin.id, "/admin/agendas"],
      plan: [w.csmA.id, `${room}/plan`],
      "plan-customer-en": [w.memberA.id, `${room}/plan`, "en"],
      "plan-edit": [w.csmA.id, `${room}/plan/edit`],
      "plan-import": [w.csmA.id, `${room}/plan/import`],
      timeline: [w.csmA.id, `${room}/timeline`],
      task: [w.csmA.id, `${room}/tasks/${task.id}`],
      milestone: [w.memberA.id, `${room}/milestones/${milestone.id}`],
      team: [w.csmA.id, `${room}/team`],
      goals: [w.csmA.id, `${room}/goals`],
      "goals-customer-en": [w.memberA.id, `${room}/goals`, "en"],
      "team-customer-admin": [w.customerAdminA.id, `${room}/team`, "ja"],
      activity: [w.csmA.id, `${room}/activity`],
      health: [w.csmA.id, `${room}/health`],
      notifications: [w.memberA.id, `${room}/notifications`],
      calendar: [w.memberA.id, `${room}/calendar`],
      alerts: [w.csmA.id, "/alerts"],
      templates: [w.admin.id, "/templates"],
      "forms-library": [w.csmA.id, "/forms"],
      "form-builder": [w.csmA.id, `/forms/${formPages.libraryFormId}`],
      "form-builder-en": [w.admin.id, `/forms/${formPages.libraryFormId}`, "en"],
      "task-form-review": [w.csmA.id, `${room}/tasks/${formPages.submittedTask}/form`],
      "task-form-customer-en": [w.memberA.id, `${room}/tasks/${formPages.draftTask}/form`, "en"],
      "task-form-attach": [w.csmA.id, `${room}/tasks/${task.id}/form`],
      "room-form-builder": [w.csmA.id, `${room}/forms/${formPages.draftFormId}/edit`],
      template: [w.admin.id, `/templates/${w.templateId}`],
      "template-edit": [w.admin.id, `/templates/${w.templateId}/edit`],
      "template-welcome": [w.admin.id, `/templates/${w.templateId}/welcome`],
      documents: [w.csmA.id, `${room}/documents`],
      "documents-customer-en": [w.customerAdminA.id, `${room}/documents`, "en"],
      "documents-empty": [w.csmA.id, `/rooms/${w.roomA2.id}/documents`],
      document: [w.csmA.id, `${room}/documents/${documentA}`],
      "document-customer-en": [w.memberA.id, `${room}/documents/${documentA}`, "en"],
      "template-import": [w.admin.id, `/templates/${w.templateId}/import`],
      "admin-users": [w.admin.id, "/admin/users"],
      "admin-health": [w.admin.id, "/admin/health"],
      outbox: [w.admin.id, "/admin/outbox"],
      "outbox-message": [w.admin.id, `/admin/outbox/${w.outboxA.id}`],
      "accounts-new": [w.admin.id, "/accounts/new"],
      "admin-settings": [w.admin.id, "/admin/settings"],
      "admin-settings-en": [w.admin.id, "/admin/settings", "en"],
      "profile-staff": [w.csmA.id, "/profile"],
      "profile-customer-en": [w.memberA.id, "/profile", "en"],
      "account-logo": [w.csmA.id, `/accounts/${w.accountA.id}/logo`],
      "rooms-list": [w.memberA.id, "/rooms?list=1"],
      "handoff-new": [w.salesA.id, `/accounts/${w.accountA.id}/handoff`],
      "handoff-view": [w.csmB.id, `/accounts/${w.accountB.id}/handoff`],
      "handoff-edit-en": [w.csmB.id, `/accounts/${w.accountB.id}/handoff?edit=1`, "en"],
      "alerts-handoff": [w.csmB.id, "/alerts"],
      report: [w.csmA.id, `${room}/report`],
      review: [w.csmA.id, `${room}/review`],
      "review-en": [w.csmA.id, `${room}/review`, "en"],
      "reviews-report": [w.admin.id, "/reviews"],
      "reviews-report-empty-en": [w.csmB.id, "/reviews", "en"],
      survey: [null, "/survey/survey-open"],
      "survey-used": [null, "/survey/survey-used", "ja", 410],
      "survey-unknown-en": [null, "/survey/nope", "en", 404],
      "report-printable": [w.memberA.id, `${room}/reports/${sentReport.id}`],
      "report-printable-en": [w.csmA.id, `${room}/reports/${sentReport.id}`, "en"],
      raci: [w.csmA.id, `${room}/raci`],
      "raci-customer-admin-en": [w.customerAdminA.id, `${room}/raci`, "en"],
      "raci-empty": [w.csmA.id, `/rooms/${w.roomA2.id}/raci`],
      "raci-print": [w.memberA.id, `${room}/raci/print`],
      "training-library": [w.csmA.id, "/training"],
      "training-new-video-en": [w.csmA.id, "/training/new?kind=video", "en"],
      "training-edit-quiz": [w.csmA.id, `/training/${quizModule}`],
      "training-tab-csm": [w.csmA.id, `${room}/training`],
      "training-tab-customer-en": [w.customerAdminA.id, `${room}/training`, "en"],
      "training-player-quiz": [w.customerAdminA.id, `${room}/training/${quizItem}`],
      "training-progress": [w.csmA.id, `${room}/training/progress`],
      "training-certificate": [w.customerAdminA.id, certificate],
      "training-certificate-staff-en": [w.csmA.id, certificate, "en"],
      "training-certificate-missing": [w.memberA.id, certificate, "ja", 404],
    };
    const documents: Record<string, string> = {};
    for (const [name, [user, path, lang, status]] of Object.entries(pages)) {
      documents[name] = documentOnly(await page(user, path, lang, status));
    }
    const emails = {
      invitation: ["invitation", InvitationEmail.PreviewProps],
      magic_link: ["magic_link", MagicLinkEmail.PreviewProps],
      milestone_completed: ["milestone_completed", MilestoneCompletedEmail.PreviewProps],
      sign_off_request: ["sign_off_request", SignOffRequestEmail.PreviewProps],
      mentions: ["mentions", MentionsEmail.PreviewProps],
      task_reminders: ["task_reminders", TaskRemindersEmail.PreviewProps],
      health_alert: ["health_alert", HealthAlertEmail.PreviewProps],
      meeting_invitation: ["meeting_invitation", MeetingInvitationEmail.PreviewProps],
      meeting_invitation_cancelled: [
        "meeting_invitation",
        { ...MeetingInvitationEmail.PreviewProps, kind: "cancelled" },
      ],
      meeting_minutes: ["meeting_minutes", MeetingMinutesEmail.PreviewProps],
      handoff_submitted: ["handoff_submitted", HandoffSubmittedEmail.PreviewProps],
      handoff_message: ["handoff_message", HandoffMessageEmail.PreviewProps],
      status_report: ["status_report", StatusReportEmail.PreviewProps],
      raci_consult: ["raci_consult", RaciConsultEmail.PreviewProps],
      review_survey: ["review_survey", ReviewSurveyEmail.PreviewProps],
    } as const;
    for (const [name, [template, props]] of Object.entries(emails)) {
      for (const locale of ["ja", "en"] as const) {
        const { html } = await renderEmail(template, locale, props as never);
        documents[`email-${name.replace(/_/g, "-")}-${locale}`] = html;
      }
    }
    // With the vendor's logo in the layout.
    documents["email-magic-link-branded"] = (
      await renderEmail("magic_link", "ja", MagicLinkEmail.PreviewProps, {
        companyName: "株式会社ローンチ",
        logoUrl: "https://launchroom.example.com/files/abc",
      })
    ).html;

    const errors = await validateHtml(documents);
    const report = Object.entries(errors)
      .filter(([, list]) => list.length)
      .map(
        ([n, list]) =>
          `${n}:\n${list.map((m) => `  ${m.lastLine}: ${m.message} | ${m.extract ?? ""}`).join("\n")}`,
      )
      .join("\n");
    expect(report).toBe("");
    // The checker really ran over every document.
    expect(Object.keys(errors).sort()).toEqual(Object.keys(documents).sort());
  });

  it("gives the staff pages a title of their own, in the reader's language", async () => {
    const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];
    const cases: [string, string, (l: typeof ja) => string][] = [
      [w.admin.id, "/templates", (l) => l.templates.title],
      [w.admin.id, "/admin/outbox", (l) => l.outbox.title],
      [w.admin.id, "/accounts/new", (l) => l.accountForm.title],
      [w.admin.id, "/admin/users", (l) => l.staff.title],
      [w.csmA.id, "/portfolio", (l) => l.portfolio.title],
      [w.csmA.id, "/alerts", (l) => l.alerts.title],
    ];
    for (const [user, path, title] of cases) {
      expect(titleOf(await page(user, path, "ja"))).toBe(`${title(ja)} · Launchroom`);
      expect(titleOf(await page(user, path, "en"))).toBe(`${title(en)} · Launchroom`);
    }
  });
});
