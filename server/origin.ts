/**
 * CSRF defence for every non-GET request: the browser's Origin must be this app (the configured APP_URL
 * or the host the request was sent to). Without an Origin header, a browser's Sec-Fetch-Site must say
 * same-origin; a request carrying neither is refused.
 */
export function isAllowedOrigin(input: {
  origin: string | undefined;
  secFetchSite: string | undefined;
  appUrl: string;
  requestOrigin: string | undefined;
}): boolean {
  if (input.origin && input.origin !== "null") {
    return input.origin === new URL(input.appUrl).origin || input.origin === input.requestOrigin;
  }
  return input.secFetchSite === "same-origin";
}
