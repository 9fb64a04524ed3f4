import { redirect } from "@remix-run/node";
import { getRoomAccess, notePresence, type RoomAccess } from "~/domain/rooms/access.server";
import { DomainError } from "~/utils/errors";
import { throwHttp } from "~/utils/http.server";
import { memoizeForRequest } from "~/utils/request-scope.server";
import { can, staffCan, type RoomCapability, type StaffCapability } from "~/access/capabilities";
import type { SessionUser, StaffUser } from "~/access/users";
import { readSessionToken, validateSessionToken, type ValidSession } from "~/auth/session.server";

/** The signed-in session of this request, validated once per HTTP request (root and route loaders share it). */
export function getSession(request: Request): ValidSession | null {
  const token = readSessionToken(request);
  if (!token) return null;
  return memoizeForRequest(`session:${token}`, () => validateSessionToken(token));
}

export function getOptionalUser(request: Request): SessionUser | null {
  return getSession(request)?.user ?? null;
}

export function requireUser(request: Request): SessionUser {
  const user = getOptionalUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(`/sign-in?redirectTo=${encodeURIComponent(back)}`);
  }
  return user;
}

export function requireStaff(request: Request, capability: StaffCapability = "portfolio.view"): StaffUser {
  const user = requireUser(request);
  if (user.kind !== "staff" || !staffCan(user.staffRole, capability))
    throwHttp(new DomainError(403, "errors.forbidden"));
  return user as StaffUser;
}

/**
 * The room guard: every loader and action under /rooms/:roomId calls it first. 404 when the user has no
 * access (never reveal that the room exists), 403 when their role lacks the capability.
 */
export function requireRoomAccess(
  request: Request,
  roomId: string | undefined,
  capability: RoomCapability,
): RoomAccess & { user: SessionUser } {
  const user = requireUser(request);
  const access = roomId
    ? memoizeForRequest(`room:${user.id}:${roomId}`, () => {
        const found = getRoomAccess(user, roomId);
        if (found && user.kind === "customer" && found.memberLastSeenAt !== undefined)
          notePresence(roomId, user.id, found.memberLastSeenAt);
        return found;
      })
    : null;
  if (!access) throwHttp(new DomainError(404, "errors.notFound"));
  if (!can(access.role, capability)) throwHttp(new DomainError(403, "errors.forbidden"));
  return { ...access, user };
}
