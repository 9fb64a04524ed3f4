import type { Db } from "#db/client.server";
import {
  actionItems,
  goalCheckins,
  goals,
  meetingDecisions,
  meetings,
  milestones,
  phases,
  stakeholders,
  tasks,
} from "#db/schema";
import type { TaskStatus, Visibility } from "~/vocabulary";

// Rows for the weekly status report's tests, inserted directly: the goals and meetings modules are built
// elsewhere, and the report reads their tables only.

let position = 0;

export function addPhase(db: Db, roomId: string, title = "Phase") {
  return db.insert(phases).values({ roomId, title, position: ++position }).returning().get();
}

export function addTask(
  db: Db,
  roomId: string,
  phaseId: string,
  over: {
    title: string;
    status?: TaskStatus;
    dueDate?: string | null;
    completedAt?: Date | null;
    blockedReason?: string | null;
    visibility?: Visibility;
    assigneeId?: string | null;
  },
) {
  return db
    .insert(tasks)
    .values({
      roomId,
      phaseId,
      title: over.title,
      side: "customer",
      status: over.status ?? "todo",
      dueDate: over.dueDate ?? null,
      completedAt: over.completedAt ?? null,
      blockedReason: over.blockedReason ?? null,
      visibility: over.visibility ?? "shared",
      assigneeId: over.assigneeId ?? null,
      position: ++position,
    })
    .returning()
    .get();
}

export function addMilestone(
  db: Db,
  roomId: string,
  over: {
    title: string;
    targetDate: string;
    baselineDate?: string;
    completedAt?: Date | null;
    visibility?: Visibility;
  },
) {
  return db
    .insert(milestones)
    .values({
      roomId,
      title: over.title,
      targetDate: over.targetDate,
      baselineDate: over.baselineDate ?? over.targetDate,
      completedAt: over.completedAt ?? null,
      visibility: over.visibility ?? "shared",
      position: ++position,
    })
    .returning()
    .get();
}

export function addPerson(
  db: Db,
  roomId: string,
  over: { name: string; side?: "customer" | "vendor"; email?: string | null; userId?: string | null },
) {
  return db
    .insert(stakeholders)
    .values({
      roomId,
      name: over.name,
      side: over.side ?? "customer",
      email: over.email ?? null,
      userId: over.userId ?? null,
    })
    .returning()
    .get();
}

export function addMeeting(
  db: Db,
  roomId: string,
  over: {
    title: string;
    startsAt: Date;
    status?: "scheduled" | "cancelled";
    decisions?: string[];
    actionItems?: {
      text: string;
      dueDate?: string | null;
      ownerId?: string | null;
      taskId?: string | null;
      done?: boolean;
    }[];
  },
) {
  const meeting = db
    .insert(meetings)
    .values({
      roomId,
      type: "regular",
      title: over.title,
      startsAt: over.startsAt,
      durationMinutes: 60,
      status: over.status ?? "scheduled",
    })
    .returning()
    .get();
  (over.decisions ?? []).forEach((text, i) =>
    db.insert(meetingDecisions).values({ meetingId: meeting.id, text, position: i }).run(),
  );
  (over.actionItems ?? []).forEach((a, i) =>
    db
      .insert(actionItems)
      .values({
        roomId,
        meetingId: meeting.id,
        text: a.text,
        dueDate: a.dueDate ?? null,
        ownerId: a.ownerId ?? null,
        taskId: a.taskId ?? null,
        doneAt: a.done ? new Date() : null,
        position: i,
      })
      .run(),
  );
  return meeting;
}

export function addGoal(
  db: Db,
  roomId: string,
  over: {
    statement: string;
    kpi?: string;
    unit?: string;
    baseline: number;
    target: number;
    dueDate: string;
    checkins?: { date: string; value: number }[];
  },
) {
  const goal = db
    .insert(goals)
    .values({
      roomId,
      statement: over.statement,
      kpi: over.kpi ?? "KPI",
      unit: over.unit ?? "",
      baseline: over.baseline,
      target: over.target,
      dueDate: over.dueDate,
      position: ++position,
    })
    .returning()
    .get();
  for (const c of over.checkins ?? [])
    db.insert(goalCheckins).values({ goalId: goal.id, date: c.date, value: c.value }).run();
  return goal;
}
