import { redirect } from "@remix-run/node";
import { getSession } from "./guards.server";
import { clearSessionCookie, invalidateSession, sessionCookie } from "~/auth/session.server";

/** Hands the new session to the browser; any session the browser already had ends here (no fixation). */
export function redirectSignedIn(request: Request, sessionToken: string, to: string) {
  const { redirect: target, headers } = signedInRedirect(request, sessionToken, to);
  return redirect(target, { headers });
}

/** The same as a form's success answer (answerIntent): where to go and the new session's cookie. */
export function signedInRedirect(request: Request, sessionToken: string, to: string) {
  const previous = getSession(request);
  if (previous) invalidateSession(previous.sessionId);
  return { redirect: to, headers: { "Set-Cookie": sessionCookie(sessionToken) } };
}

export function redirectSignedOut(request: Request, to = "/sign-in") {
  const session = getSession(request);
  if (session) invalidateSession(session.sessionId);
  return redirect(to, { headers: { "Set-Cookie": clearSessionCookie() } });
}
