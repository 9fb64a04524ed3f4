/**
 * Gathers the facts of one room for the pure score (score.ts) from the plan tables, memberships, the
 * event log and earlier health computations. Raw SQL on prepared statements: the full recompute runs
 * this for every room.
 */
import { preparedSql } from "#db/client.server";
import { rawSql } from "#db/raw-sql";
import {
  engagementDays,
  events,
  goalCheckins,
  goals,
  healthPulses,
  healthSnapshots,
  invitations,
  memberships,
  milestoneRatings,
  milestones,
  milestoneSignOffs,
  raciAssignments,
  milestoneTasks,
  roomHealth,
  rooms,
  stakeholders,
  tasks,
  users,
} from "#db/schema";
import { CUSTOMER_ROLES } from "~/access/capabilities";
import { addDays, daysBetween, todayIn, type IsoDate } from "~/domain/plan/dates";
import { forecastFirstValue } from "~/domain/plan/progress";
import { roomTrainingHealth } from "~/domain/training/progress.server";
import type { Band, HealthInputs, Pulse } from "./model";
import { ACTIVE_DAYS_LOOKBACK } from "./score";

const DAY_MS = 24 * 60 * 60 * 1000;
const CUSTOMER_ROLE_LIST = CUSTOMER_ROLES.map((r) => `'${r}'`).join(",");

/**
 * Tables and columns are named through the schema (rawSql); each selected column has an explicit alias,
 * the key the code below reads, so renaming a column in the schema changes the text and nothing else.
 * Exported for tests/unit/raw-sql.test.ts.
 */
export const HEALTH_INPUTS_SQL = {
  tasks: rawSql`SELECT ${tasks.id} AS id, ${tasks.title} AS title, ${tasks.side} AS side, ${tasks.status} AS status,
            ${tasks.dueDate} AS dueDate, ${tasks.assigneeId} AS assigneeId
          FROM ${tasks} WHERE ${tasks.roomId} = ?`,
  milestones: rawSql`SELECT ${milestones.id} AS id, ${milestones.title} AS title, ${milestones.targetDate} AS targetDate,
                 ${milestones.baselineDate} AS baselineDate, ${milestones.completedAt} AS completedAt,
                 ${milestones.isFirstValue} AS isFirstValue
               FROM ${milestones} WHERE ${milestones.roomId} = ?`,
  firstValueTasks: rawSql`SELECT mt.${milestoneTasks.taskId} AS taskId FROM ${milestoneTasks} mt
                    JOIN ${milestones} m ON m.${milestones.id} = mt.${milestoneTasks.milestoneId}
                    WHERE m.${milestones.roomId} = ? AND m.${milestones.isFirstValue} = 1`,
  members: rawSql`SELECT m.${memberships.userId} AS userId, m.${memberships.role} AS role,
              m.${memberships.lastSeenAt} AS lastSeenAt, m.${memberships.createdAt} AS joinedAt,
              u.${users.kind} AS kind, u.${users.active} AS active
            FROM ${memberships} m JOIN ${users} u ON u.${users.id} = m.${memberships.userId}
            WHERE m.${memberships.roomId} = ?`,
  pendingInvitations:
    rawSql`SELECT COUNT(*) AS n, MIN(${invitations.createdAt}) AS firstAt FROM ${invitations}
           WHERE ${invitations.roomId} = ? AND ${invitations.acceptedAt} IS NULL AND ${invitations.revokedAt} IS NULL
             AND ${invitations.expiresAt} > ? AND ${invitations.role} IN ` + `(${CUSTOMER_ROLE_LIST})`,
  // Per actor: last event and the two trend windows, read from the (room, actor, at) index alone.
  activity: rawSql`SELECT ${events.actorId} AS actorId, MAX(${events.at}) AS lastAt,
               SUM(CASE WHEN ${events.at} >= @since14 THEN 1 ELSE 0 END) AS last14,
               SUM(CASE WHEN ${events.at} >= @since42 AND ${events.at} < @since14 THEN 1 ELSE 0 END) AS prior28
             FROM ${events} WHERE ${events.roomId} = @roomId AND ${events.at} < @now AND ${events.actorId} IS NOT NULL
             GROUP BY ${events.actorId}`,
  // Distinct quarter hours with events per actor in the look-back: the local day of each is an active day.
  activeQuarters: rawSql`SELECT DISTINCT ${events.actorId} AS actorId, ${events.at} / 900000 AS q
                   FROM ${events} WHERE ${events.roomId} = @roomId AND ${events.at} >= @since42 AND ${events.at} < @now
                     AND ${events.actorId} IS NOT NULL`,
  // Active time (heartbeats, issue 12): each person's active days in the look-back and when they were last seen.
  engagement: rawSql`SELECT ${engagementDays.userId} AS userId, ${engagementDays.day} AS day,
                 MAX(${engagementDays.lastAt}) AS lastAt
               FROM ${engagementDays} WHERE ${engagementDays.roomId} = ? AND ${engagementDays.day} >= ?
                 AND ${engagementDays.activeSeconds} > 0
               GROUP BY ${engagementDays.userId}, ${engagementDays.day}`,
  stakeholders: rawSql`SELECT ${stakeholders.id} AS id, ${stakeholders.userId} AS userId,
                   ${stakeholders.isSponsor} AS isSponsor, ${stakeholders.createdAt} AS createdAt
                 FROM ${stakeholders} WHERE ${stakeholders.roomId} = ? AND ${stakeholders.side} = 'customer'`,
  // The customer's A's and R's on any row of the RACI (coverage uses them once the room has any).
  raci: rawSql`SELECT DISTINCT ${raciAssignments.stakeholderId} AS id, ${raciAssignments.letter} AS letter
          FROM ${raciAssignments} WHERE ${raciAssignments.roomId} = ? AND ${raciAssignments.letter} IN ('A', 'R')`,
  // Sign-off requests still waiting (signOffWaiting).
  signOffsWaiting: rawSql`SELECT m.${milestones.id} AS milestoneId, m.${milestones.title} AS title,
                      so.${milestoneSignOffs.requestedAt} AS requestedAt
                    FROM ${milestoneSignOffs} so JOIN ${milestones} m ON m.${milestones.id} = so.${milestoneSignOffs.milestoneId}
                    WHERE so.${milestoneSignOffs.roomId} = ? AND so.${milestoneSignOffs.decision} IS NULL
                      AND m.${milestones.completedAt} IS NULL`,
  pulse: rawSql`SELECT ${healthPulses.value} AS value, ${healthPulses.comment} AS comment,
            ${healthPulses.createdAt} AS createdAt
          FROM ${healthPulses} WHERE ${healthPulses.roomId} = ? ORDER BY ${healthPulses.createdAt} DESC LIMIT 1`,
  rating: rawSql`SELECT r.${milestoneRatings.stars} AS stars, r.${milestoneRatings.createdAt} AS createdAt,
             m.${milestones.title} AS milestoneTitle
           FROM ${milestoneRatings} r JOIN ${milestones} m ON m.${milestones.id} = r.${milestoneRatings.milestoneId}
           WHERE r.${milestoneRatings.roomId} = ? ORDER BY r.${milestoneRatings.createdAt} DESC LIMIT 1`,
  current: rawSql`SELECT ${roomHealth.band} AS band, ${roomHealth.rawBand} AS rawBand,
            EXISTS (SELECT 1 FROM json_each(${roomHealth.result}, '$.caps')
                    WHERE json_extract(value, '$.key') = 'customerSilent') AS silentCapped
            FROM ${roomHealth}
            WHERE ${roomHealth.roomId} = ? AND ${roomHealth.computedAt} IS NOT NULL`,
  recentSnapshots: rawSql`SELECT ${healthSnapshots.day} AS day, ${healthSnapshots.score} AS score,
                      ${healthSnapshots.band} AS band
                    FROM ${healthSnapshots} WHERE ${healthSnapshots.roomId} = ? AND ${healthSnapshots.day} < ?
                    ORDER BY ${healthSnapshots.day} DESC LIMIT 60`,
  goals: rawSql`SELECT g.${goals.id} AS id, g.${goals.statement} AS statement, g.${goals.baseline} AS baseline,
            g.${goals.target} AS target, g.${goals.dueDate} AS dueDate, g.${goals.achievedAt} AS achievedAt,
            g.${goals.createdAt} AS createdAt, r.${rooms.kickoffDate} AS kickoffDate
          FROM ${goals} g JOIN ${rooms} r ON r.${rooms.id} = g.${goals.roomId} WHERE g.${goals.roomId} = ?`,
  goalCheckins: rawSql`SELECT c.${goalCheckins.goalId} AS goalId, c.${goalCheckins.date} AS date,
                   c.${goalCheckins.value} AS value
                 FROM ${goalCheckins} c JOIN ${goals} g ON g.${goals.id} = c.${goalCheckins.goalId}
                 WHERE g.${goals.roomId} = ?`,
} as const;

const earliest = (...values: (number | null | undefined)[]): number | null => {
  let min: number | null = null;
  for (const v of values) if (v != null && (min == null || v < min)) min = v;
  return min;
};

export type RoomForHealth = { id: string; timeZone: string; createdAt: number };

const QUARTER_HOUR = 15 * 60 * 1000;
const dayCache = new Map<string, IsoDate>();

/**
 * The calendar day a stored millisecond timestamp falls on in the account's zone. Zone offsets are whole
 * quarter hours, so every instant of a UTC quarter hour falls on the same local day: cached per quarter
 * hour, because formatting dates is the costliest step of a full health pass.
 */
function dayOf(ms: number | null | undefined, timeZone: string): IsoDate | null {
  if (ms == null) return null;
  const key = `${timeZone}|${Math.floor(ms / QUARTER_HOUR)}`;
  let day = dayCache.get(key);
  if (day === undefined) {
    if (dayCache.size > 50_000) dayCache.clear();
    day = todayIn(timeZone, new Date(ms));
    dayCache.set(key, day);
  }
  return day;
}

const latest = (...values: (number | null | undefined)[]): number | null => {
  let max: number | null = null;
  for (const v of values) if (v != null && (max == null || v > max)) max = v;
  return max;
};

export function gatherHealthInputs(room: RoomForHealth, now: Date): HealthInputs {
  const s = preparedSql("health.inputs", HEALTH_INPUTS_SQL);
  const tz = room.timeZone;
  const today = dayOf(now.getTime(), tz)!;
  const nowMs = now.getTime();

  const tasks = s.tasks.all(room.id) as HealthInputs["tasks"];
  const milestoneRows = s.milestones.all(room.id) as {
    id: string;
    title: string;
    targetDate: string;
    baselineDate: string;
    completedAt: number | null;
    isFirstValue: number;
  }[];
  const firstValueTaskIds = (s.firstValueTasks.all(room.id) as { taskId: string }[]).map((r) => r.taskId);
  const forecast = forecastFirstValue(
    milestoneRows.map((m) => ({
      id: m.id,
      title: m.title,
      targetDate: m.targetDate,
      completedAt: m.completedAt == null ? null : new Date(m.completedAt),
      isFirstValue: !!m.isFirstValue,
      taskIds: m.isFirstValue ? firstValueTaskIds : [],
    })),
    tasks.map((t) => ({ ...t, visibility: "shared" })),
    today,
  );
  const milestones: HealthInputs["milestones"] = milestoneRows.map((m) => ({
    id: m.id,
    title: m.title,
    targetDate: m.targetDate,
    baselineDate: m.baselineDate,
    completedDate: dayOf(m.completedAt, tz),
    isFirstValue: !!m.isFirstValue,
    forecastDate: m.isFirstValue ? forecast : null,
  }));

  const activity = new Map(
    (
      s.activity.all({
        roomId: room.id,
        now: nowMs,
        since14: nowMs - 14 * DAY_MS,
        since42: nowMs - 42 * DAY_MS,
      }) as { actorId: string; lastAt: number; last14: number; prior28: number }[]
    ).map((a) => [a.actorId, a]),
  );
  const allMembers = s.members.all(room.id) as {
    userId: string;
    role: string;
    lastSeenAt: number | null;
    joinedAt: number;
    kind: string;
    active: number;
  }[];
  const lastSeen = new Map(allMembers.map((m) => [m.userId, m.lastSeenAt]));
  const lookbackStart = addDays(today, -(ACTIVE_DAYS_LOOKBACK - 1));
  // Active time from heartbeats: per person, the days with any and the last heartbeat.
  const engagedDays = new Map<string, Set<IsoDate>>();
  const engagedLastAt = new Map<string, number>();
  for (const row of s.engagement.all(room.id, lookbackStart) as {
    userId: string;
    day: IsoDate;
    lastAt: number;
  }[]) {
    if (row.day > today) continue;
    let set = engagedDays.get(row.userId);
    if (!set) engagedDays.set(row.userId, (set = new Set()));
    set.add(row.day);
    engagedLastAt.set(row.userId, Math.max(engagedLastAt.get(row.userId) ?? 0, row.lastAt));
  }
  const lastActiveAt = (userId: string | null) =>
    userId ? latest(lastSeen.get(userId), activity.get(userId)?.lastAt, engagedLastAt.get(userId)) : null;
  // Invited customers: active customer users with a customer role, and invitations still open.
  const members = allMembers.filter(
    (m) => m.kind === "customer" && m.active && (CUSTOMER_ROLES as readonly string[]).includes(m.role),
  );
  const customerIdSet = new Set(members.map((m) => m.userId));
  // Model version 2: distinct days with any customer activity (sign-ins, events, active time).
  const activeDays = new Set<IsoDate>();
  for (const m of members) {
    const seen = dayOf(m.lastSeenAt, tz);
    if (seen && seen >= lookbackStart && seen <= today) activeDays.add(seen);
    for (const d of engagedDays.get(m.userId) ?? []) activeDays.add(d);
  }
  for (const row of s.activeQuarters.all({ roomId: room.id, since42: nowMs - 42 * DAY_MS, now: nowMs }) as {
    actorId: string;
    q: number;
  }[]) {
    if (!customerIdSet.has(row.actorId)) continue;
    const d = dayOf(row.q * QUARTER_HOUR, tz);
    if (d && d >= lookbackStart) activeDays.add(d);
  }
  const invites = s.pendingInvitations.get(room.id, nowMs) as { n: number; firstAt: number | null };
  const customerUsers: HealthInputs["customerUsers"] = [
    ...members.map((m) => ({ userId: m.userId, lastActiveDate: dayOf(lastActiveAt(m.userId), tz) })),
    ...Array.from({ length: invites.n }, () => ({ userId: null, lastActiveDate: null })),
  ];
  // Silence counts from the invitation when nobody was active yet: a room invited today is not silent.
  const lastCustomerActivity =
    latest(...members.map((m) => lastActiveAt(m.userId))) ??
    earliest(...members.map((m) => m.joinedAt), invites.firstAt);
  const counts = { last14: 0, prior28: 0 };
  const trendSplit = addDays(today, -13);
  for (const m of members) {
    const a = activity.get(m.userId);
    if (a) {
      counts.last14 += a.last14;
      counts.prior28 += a.prior28;
    }
    // A day with active time (heartbeats) counts as one customer action in the trend's windows.
    for (const d of engagedDays.get(m.userId) ?? []) {
      if (d >= trendSplit) counts.last14 += 1;
      else counts.prior28 += 1;
    }
  }

  const assignees = new Set(tasks.map((t) => t.assigneeId).filter(Boolean));
  const people = s.stakeholders.all(room.id) as {
    id: string;
    userId: string | null;
    isSponsor: number;
    createdAt: number;
  }[];
  // With a RACI, the accountable are the customer's A's (and the sponsors), the responsible its R's;
  // without one, the sponsors and the customer people assigned to tasks, as before.
  const raci = s.raci.all(room.id) as { id: string; letter: "A" | "R" }[];
  const customerIds = new Set(people.map((p) => p.id));
  const raciA = new Set(raci.filter((r) => r.letter === "A" && customerIds.has(r.id)).map((r) => r.id));
  const raciR = new Set(raci.filter((r) => r.letter === "R" && customerIds.has(r.id)).map((r) => r.id));
  const byRaci = raciA.size + raciR.size > 0;
  const sponsors = people.filter((p) => p.isSponsor || (byRaci && raciA.has(p.id)));
  const responsible = byRaci
    ? people.filter((p) => raciR.has(p.id) && !sponsors.includes(p))
    : people.filter((p) => !p.isSponsor && assignees.has(p.id));
  const lastActive = (group: typeof people) => dayOf(latest(...group.map((p) => lastActiveAt(p.userId))), tz);
  // A sponsor who never signed in is inactive from the day they were named, not since forever.
  const sponsorSeen = lastActive(sponsors);
  const sponsorLastActive = sponsorSeen ?? dayOf(earliest(...sponsors.map((p) => p.createdAt)), tz);

  const pulseRow = s.pulse.get(room.id) as { value: Pulse; comment: string; createdAt: number } | undefined;
  const ratingRow = s.rating.get(room.id) as
    { stars: number; createdAt: number; milestoneTitle: string } | undefined;
  const current = s.current.get(room.id) as
    { band: Band; rawBand: Band; silentCapped: number | null } | undefined;
  const snapshots = s.recentSnapshots.all(room.id, today) as {
    day: string;
    score: number | null;
    band: Band;
  }[];

  const weekAgo = addDays(today, -7);
  const weekAgoSnapshot = snapshots.find((r) => r.day <= weekAgo && daysBetween(r.day, weekAgo) <= 1);
  // Today counts as red when the last run was; the run of red days goes back through the snapshots.
  let redSince: IsoDate | null = current?.band === "red" ? today : null;
  if (redSince)
    for (const snap of snapshots) {
      if (snap.band !== "red" || daysBetween(snap.day, redSince) !== 1) break;
      redSince = snap.day;
    }

  // The success plan: each goal from the kickoff (else its creation) to its due date, as the page shows it.
  const goalRows = s.goals.all(room.id) as {
    id: string;
    statement: string;
    baseline: number;
    target: number;
    dueDate: string;
    achievedAt: number | null;
    createdAt: number;
    kickoffDate: string | null;
  }[];
  const goalCheckinRows = goalRows.length
    ? (s.goalCheckins.all(room.id) as { goalId: string; date: string; value: number }[])
    : [];
  const goalsInput: HealthInputs["goals"] = goalRows.map((g) => ({
    id: g.id,
    statement: g.statement,
    baseline: g.baseline,
    target: g.target,
    startDate: g.kickoffDate ?? dayOf(g.createdAt, tz)!,
    dueDate: g.dueDate,
    achieved: g.achievedAt !== null,
    checkins: goalCheckinRows.filter((c) => c.goalId === g.id).map((c) => ({ date: c.date, value: c.value })),
  }));

  return {
    today,
    roomStartedOn: dayOf(room.createdAt, tz)!,
    tasks,
    milestones,
    customerUsers,
    lastCustomerActivityDate: dayOf(lastCustomerActivity, tz),
    customerActiveDays: [...activeDays].sort(),
    customerInvitedOn: dayOf(earliest(...members.map((m) => m.joinedAt), invites.firstAt), tz),
    customerEvents: { last14Days: counts.last14, prior28Days: counts.prior28 },
    stakeholders: {
      accountableDefined: byRaci || sponsors.length > 0,
      accountableLastActiveDate: sponsors.length ? sponsorLastActive : null,
      accountableJoined: sponsors.length ? sponsorSeen !== null : undefined,
      responsibleLastActiveDate: lastActive(responsible),
      basis: byRaci ? "raci" : "sponsor",
      accountableNamed: sponsors.length > 0,
    },
    signOffsWaiting: (
      s.signOffsWaiting.all(room.id) as { milestoneId: string; title: string; requestedAt: number }[]
    ).map((r) => ({ milestoneId: r.milestoneId, title: r.title, requestedOn: dayOf(r.requestedAt, tz)! })),
    // Assigned training already due and how much of it is done (issue 12); null without a curriculum.
    training: roomTrainingHealth(room.id, tz, today),
    goals: goalsInput,
    pulse: pulseRow
      ? { value: pulseRow.value, comment: pulseRow.comment, setOn: dayOf(pulseRow.createdAt, tz)! }
      : null,
    latestRating: ratingRow
      ? {
          stars: ratingRow.stars,
          on: dayOf(ratingRow.createdAt, tz)!,
          milestoneTitle: ratingRow.milestoneTitle,
        }
      : null,
    history: {
      previousBand: current?.band ?? null,
      previousRawBand: current?.rawBand ?? null,
      scoreSevenDaysAgo: weekAgoSnapshot?.score ?? null,
      bandSevenDaysAgo: weekAgoSnapshot?.band ?? null,
      redSince,
      silentCapped: !!current?.silentCapped,
    },
  };
}
