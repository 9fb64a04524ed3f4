import { collectPageErrors, expect as baseExpect, signInWithPassword, test, users } from "./fixtures";

/**
 * Issue 10's cycle in English, in Chromium with the SMTP sink: the CSM of Acme (Emily) schedules a
 * steering meeting with the customer's sponsor (Jordan), whose calendar invitation arrives with invite.ics;
 * she records a decision and emails the minutes, which arrive in English with the decision and without the
 * internal notes; then she sends the weekly report, which Jordan receives in English. The Japanese side
 * of the same cycle is in handoff, meetings, success-plan and status-report specs.
 */
test.describe.configure({ timeout: 120_000 });

// The relay and password hashing may be slow on a busy machine.
const expect = baseExpect.configure({ timeout: 20_000 });

const ROOM = "Acme onboarding";
const TITLE = "Steering E2E";
const DECISION = "Roll out to the analytics team first";

test("the CSM's invitation, minutes and weekly report reach the customer in English", async ({
  page,
  sink,
}) => {
  const errors = collectPageErrors(page);
  await signInWithPassword(page, users.emily);
  await page.goto("/rooms");
  await page.getByRole("link", { name: ROOM }).first().click();
  const sections = page.getByRole("navigation", { name: "Room sections" });
  await sections.getByRole("link", { name: "Meetings" }).click();
  await page.getByRole("link", { name: "Schedule a meeting" }).click();

  await page.getByLabel("Type").selectOption("steering");
  await page.getByLabel("Title").fill(TITLE);
  await page.getByLabel("Date").fill("2026-11-30");
  await page.getByLabel("Start time").fill("09:00");
  await page.getByLabel("Duration (minutes)").fill("45");
  await page
    .getByRole("group", { name: "Attendees" })
    .getByRole("checkbox", { name: /Jordan/ })
    .check();
  await page.getByRole("button", { name: "Schedule", exact: true }).click();
  await expect(page.getByRole("heading", { level: 2, name: TITLE })).toBeVisible();

  // The invitation: English, with a calendar file the customer's calendar can take.
  const invitation = await sink.waitFor(
    (m) => m.to.includes(users.jordan) && m.subject.includes(TITLE) && m.attachments.length > 0,
    20_000,
  );
  const ics = invitation.attachments.find((a) => a.filename === "invite.ics");
  expect(ics?.contentType).toBe("text/calendar");
  const calendar = ics!.content.toString("utf8");
  expect(calendar).toContain("METHOD:REQUEST");
  // 09:00 in New York on 30 November (EST, UTC−5) is 14:00 UTC.
  expect(calendar).toContain("DTSTART:20261130T140000Z");
  expect(invitation.text).toContain("You are invited to");

  await page.getByRole("textbox", { name: "Decision", exact: true }).fill(DECISION);
  await page.getByRole("button", { name: "Add decision" }).click();
  await expect(page.getByTestId("decisions")).toContainText(DECISION);

  await page.getByRole("button", { name: "Send minutes" }).click();
  await expect(page.getByText(/The minutes were sent to \d+ (person|people)\./)).toBeVisible();
  const minutes = await sink.waitFor(
    (m) => m.to.includes(users.jordan) && m.subject.startsWith("Minutes: "),
    20_000,
  );
  expect(minutes.subject).toContain(TITLE);
  expect(minutes.text).toContain(DECISION);

  // The weekly report: the customer's side gets it in English.
  await sections.getByRole("link", { name: "Weekly report" }).click();
  // The demo sent Acme's first report at start-up: only the one sent now counts.
  sink.clear();
  await page.getByRole("button", { name: "Send now" }).click();
  await expect(page.getByRole("status")).toContainText(/The report was sent to \d+ (person|people)\./);
  const report = await sink.waitFor(
    (m) => m.to.includes(users.jordan) && m.subject.startsWith(`Weekly status report: ${ROOM}`),
    20_000,
  );
  expect(report.text).toContain("Jordan");
  expect(errors).toEqual([]);
});
