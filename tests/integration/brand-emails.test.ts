import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "#db/client.server";
import { users, workspaceSettings } from "#db/schema";
import HealthAlertEmail from "#emails/health-alert";
import InvitationEmail from "#emails/invitation";
import MagicLinkEmail from "#emails/magic-link";
import MeetingInvitationEmail from "#emails/meeting-invitation";
import MeetingMinutesEmail from "#emails/meeting-minutes";
import MentionsEmail from "#emails/mentions";
import MilestoneCompletedEmail from "#emails/milestone-completed";
import TaskRemindersEmail from "#emails/task-reminders";
import { renderEmail } from "~/mail/render.server";
import { Client, startTestApp, type TestApp } from "../helpers/app-server";
import { storeTestImage } from "../helpers/files";
import { createTestDatabase, seedTwoTenants, type TestDatabase, type TwoTenants } from "../helpers/fixtures";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink";

// The vendor's brand in real emails: sent through the relay to an SMTP sink, the From: display name is
// the sender name, the layout carries the company name and logo, and Japanese greetings use 様.

let tdb: TestDatabase;
let app: TestApp;
let sink: SmtpSink;
let w: TwoTenants;

beforeAll(async () => {
  tdb = createTestDatabase();
  useDatabase(tdb.db);
  w = seedTwoTenants(tdb.db);
  sink = await startSmtpSink();
  app = await startTestApp({ databasePath: tdb.path, smtpUrl: sink.url, relay: true });
});

afterAll(async () => {
  await app?.close();
  await sink?.close();
  useDatabase(undefined);
  tdb?.dispose();
});

describe("branded email", () => {
  it("carries the sender name on From:, the company name and logo, and greets with 様", async () => {
    const logo = await storeTestImage(tdb.db, tdb.path, { purpose: "workspace-logo" });
    tdb.db
      .insert(workspaceSettings)
      .values({
        id: "workspace",
        companyName: "株式会社クオッカ",
        emailSenderName: "クオッカ カスタマーサクセス",
        logoFileId: logo.id,
      })
      .run();
    tdb.db.update(users).set({ name: "田中 一郎", locale: "ja" }).where(eq(users.id, w.memberA.id)).run();

    const res = await new Client(app.url).post("/sign-in", { intent: "link", email: w.memberA.email });
    expect(res.status).toBe(200);
    const mail = await sink.waitFor(
      (m) => m.to.includes(w.memberA.email) && m.subject.includes("ログインリンク"),
      15_000,
    );

    const from = mail.headers.get("from") as { value: { name: string; address: string }[] };
    expect(from.value[0]).toEqual({
      name: "クオッカ カスタマーサクセス",
      address: "no-reply@launchroom.local",
    });
    expect(mail.subject).toBe("株式会社クオッカ へのログインリンク");
    expect(mail.text).toContain("田中 一郎 様");
    expect(mail.html).toContain("株式会社クオッカ");
    expect(mail.html).toContain(`src="${app.url}/files/${logo.id}"`);
    expect(mail.text).not.toContain("Launchroom");
  });
});

describe("Japanese greetings", () => {
  it("use 様 in every email that greets its reader", async () => {
    const templates = [
      ["invitation", InvitationEmail.PreviewProps, `${InvitationEmail.PreviewProps.accountName} ご担当者様`],
      ["magic_link", MagicLinkEmail.PreviewProps, `${MagicLinkEmail.PreviewProps.name} 様`],
      [
        "milestone_completed",
        MilestoneCompletedEmail.PreviewProps,
        `${MilestoneCompletedEmail.PreviewProps.recipientName} 様`,
      ],
      ["mentions", MentionsEmail.PreviewProps, `${MentionsEmail.PreviewProps.recipientName} 様`],
      [
        "task_reminders",
        TaskRemindersEmail.PreviewProps,
        `${TaskRemindersEmail.PreviewProps.recipientName} 様`,
      ],
      ["health_alert", HealthAlertEmail.PreviewProps, `${HealthAlertEmail.PreviewProps.recipientName} 様`],
      [
        "meeting_invitation",
        MeetingInvitationEmail.PreviewProps,
        `${MeetingInvitationEmail.PreviewProps.recipientName} 様`,
      ],
      [
        "meeting_minutes",
        MeetingMinutesEmail.PreviewProps,
        `${MeetingMinutesEmail.PreviewProps.recipientName} 様`,
      ],
    ] as const;
    for (const [template, props, greeting] of templates) {
      const { text } = await renderEmail(template, "ja", props as never, {
        companyName: "株式会社クオッカ",
        logoUrl: null,
      });
      expect(text, template).toContain(greeting);
      expect(text, template).toContain("株式会社クオッカ");
    }
  });
});
