import type { Page } from "@playwright/test";
import Database from "better-sqlite3";
import { expect, test } from "./fixtures";
import {
  axeViolations,
  contextFor,
  DESKTOP,
  documentRoutes,
  internalCodes,
  PHONE,
  ROLES,
  sidewaysOverflow,
  watchErrors,
  type PageRoute,
  type Role,
} from "./pages";

/**
 * Every page of the route manifest (build/server/index.js: each route with a component), as each role, on a
 * 390 px phone and a 1440 px desktop: nothing scrolls sideways or sticks out of the viewport, axe-core
 * finds no serious or critical violation, and the visible text holds no internal code (snake_case, code
 * names of app/vocabulary.ts, leaked i18n keys).
 *
 * Sample URLs come from the demo data by following links, starting at the role's home: each route is
 * opened once per role at the first URL found for it, inside the demo's richest room. A route no role
 * reaches by a link fails the last test until a link (or a FIXED_URLS entry) leads to it, so a new page
 * is covered as soon as it exists. A role then also opens the pages it has no link to (at the URLs the
 * other roles found), which checks the error pages it gets.
 */
/** The demo's rooms with a plan, comments and health history: where the crawl stays. */
const PREFERRED_ROOMS = ["導入オンボーディング 2026", "Acme onboarding"];
/** Pages no link leads to: opened by URL as every role. */
// The survey link comes only by email: an unknown token shows the page that says what to do.
const FIXED_URLS = [
  "/sign-in",
  "/invite",
  "/auth/link",
  "/survey/no-such-link",
  "/rooms?list=1",
  "/this-page-does-not-exist",
];
/**
 * Pages linked from only one variant of a page the walk opens once per route (the crawl keeps one URL per
 * route): a room's own form opens in the builder from its task's form page while the customer has not
 * started it, but the walk's form page is usually another task's "attach a form" page. Read from the
 * demo database.
 */
function demoSampleUrls(databasePath: string): string[] {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    const form = db
      .prepare("SELECT id, room_id AS roomId FROM forms WHERE room_id IS NOT NULL ORDER BY rowid LIMIT 1")
      .get() as { id: string; roomId: string } | undefined;
    return form ? [`/rooms/${form.roomId}/forms/${form.id}/edit`] : [];
  } finally {
    db.close();
  }
}
let sampleFromDemo: string[] = [];

/** Old URLs that only redirect (to the Team tab; tests/integration/team.test.ts covers them). */
const REDIRECT_ONLY = new Set(["routes/rooms.$roomId.members", "routes/rooms.$roomId.stakeholders"]);
const onlyPaths = process.env.EVERY_PAGE_PATHS?.split(",");
/** The most pages one role may open in one crawl (a loop guard). */
const MAX_PAGES = 80;

let routes: PageRoute[] = [];
/** route path → the URL the first role that reached it used. */
const sampleUrls = new Map<string, string>();
/**
 * "kind route-path" pairs axe has checked. axe is most of the walk's time (47 of 57 s for one role), and a
 * second customer (or signed-out visitor) on the same route gets the same markup with other words: it
 * runs axe only on routes no role of its kind has had axe on. Overflow and internal codes, which depend on
 * the words, are still checked for every role.
 */
const axeChecked = new Set<string>();

/** Whether axe should run on this route for this role (and marks it done). */
function axeDue(role: Role, routePath: string): boolean {
  const key = `${role.kind} ${routePath}`;
  if (axeChecked.has(key)) return false;
  axeChecked.add(key);
  return true;
}

function routeOf(pathname: string): PageRoute | undefined {
  return (
    routes.find((r) => r.pattern?.test(pathname)) ?? routes.find((r) => r.pattern === null) // the splat, "/*"
  );
}

type Link = { path: string; text: string };

async function linksOn(page: Page): Promise<Link[]> {
  return page.locator("a[href]").evaluateAll((anchors) =>
    anchors
      .map((a) => a as HTMLAnchorElement)
      .filter((a) => a.origin === location.origin && !a.hasAttribute("download"))
      .map((a) => ({ path: a.pathname, text: a.textContent ?? "" })),
  );
}

/**
 * The checks of one page at both widths (axe only when `axe`); each problem prefixed with where it was
 * seen. The page is loaded once, at 390 px, and widened.
 */
async function checkPage(page: Page, where: string, axe = true): Promise<string[]> {
  const problems: string[] = [];
  let reported = 0;
  for (const viewport of [PHONE, DESKTOP]) {
    const t0 = Date.now();
    await page.setViewportSize(viewport);
    const at = `${where} @ ${viewport.width} px`;
    for (const p of await sidewaysOverflow(page)) problems.push(`${at} — scrolls sideways: ${p}`);
    const t1 = Date.now();
    if (axe) for (const p of await axeViolations(page)) problems.push(`${at} — axe ${p}`);
    const t2 = Date.now();
    for (const code of await internalCodes(page)) problems.push(`${at} — internal code on screen: "${code}"`);
    // Printed as found too: a run cut short by its timeout still says what it saw.
    problems.slice(reported).forEach((p) => console.log(`✗ ${p}`));
    reported = problems.length;
    if (process.env.EVERY_PAGE_TIMING)
      console.log(`${at}: overflow ${t1 - t0} ms, axe ${t2 - t1} ms, text ${Date.now() - t2} ms`);
  }
  await page.setViewportSize(PHONE);
  return problems;
}

async function visit(page: Page, url: string) {
  // A navigation the previous page started (a redirect after hydration) can abort this one: try again.
  const response = await page
    .goto(url, { waitUntil: "load" })
    .catch(() => page.goto(url, { waitUntil: "load" }));
  return { status: response?.status() ?? 0, pathname: new URL(page.url()).pathname };
}

/** Opens every page the role reaches by links, then the pages it has no link to; returns the problems. */
async function browseAs(
  page: Page,
  role: Role,
): Promise<{ problems: string[]; reached: Set<string>; pages: number }> {
  const problems: string[] = [];
  const errors = watchErrors(page);
  const reached = new Set<string>();
  const queue: string[] = ["/", ...FIXED_URLS, ...sampleFromDemo];
  const queuedRoutes = new Set<string>();
  let roomId: string | null = null;
  let pages = 0;

  const roomOf = (path: string) => /^\/rooms\/([^/]+)/.exec(path)?.[1] ?? null;
  while (queue.length > 0 && pages < MAX_PAGES) {
    const url = queue.shift()!;
    const { status, pathname } = await visit(page, url);
    const route = routeOf(pathname);
    if (!route || reached.has(route.path)) continue;
    pages += 1;
    reached.add(route.path);
    if (!sampleUrls.has(route.path)) sampleUrls.set(route.path, pathname);
    const where = `${role.name} · ${route.path} (${pathname}, HTTP ${status})`;
    if (status >= 500) problems.push(`${where} — server error`);
    // EVERY_PAGE_PATHS=health,timeline checks only the routes whose path contains one of them (while
    // fixing a page); the walk still follows every link.
    if (!onlyPaths || onlyPaths.some((p) => route.path.includes(p)))
      problems.push(...(await checkPage(page, where, axeDue(role, route.path))));
    errors.splice(0).forEach((e) => problems.push(`${where} — ${e}`));

    const links = await linksOn(page);
    roomId ??=
      roomOf(pathname) ??
      links
        .map((l) => (PREFERRED_ROOMS.some((t) => l.text.includes(t)) ? roomOf(l.path) : null))
        .find(Boolean) ??
      links.map((l) => roomOf(l.path)).find(Boolean) ??
      null;
    for (const link of links) {
      const target = routes.find((r) => r.pattern?.test(link.path));
      if (!target || reached.has(target.path) || queuedRoutes.has(target.path)) continue;
      const linkRoom = roomOf(link.path);
      if (linkRoom && roomId && linkRoom !== roomId) continue;
      queuedRoutes.add(target.path);
      queue.push(link.path);
    }
  }

  // The pages this role has no link to, at the URLs other roles found: the error page (or sign-in page)
  // it gets. One error page shows them all, so the first of each status is checked, the rest only for
  // their status.
  const checkedStatuses = new Set<number>();
  for (const [path, url] of sampleUrls) {
    if (reached.has(path)) continue;
    const { status, pathname } = await visit(page, url);
    const where = `${role.name} · ${path} (${url} → ${pathname}, HTTP ${status}, no link for this role)`;
    if (status >= 500) problems.push(`${where} — server error`);
    // Sent to a page checked already (signed out: to the sign-in page), or an error page seen already.
    if (pathname !== url && reached.has(routeOf(pathname)?.path ?? "")) continue;
    if (checkedStatuses.has(status)) continue;
    checkedStatuses.add(status);
    pages += 1;
    problems.push(...(await checkPage(page, where, axeDue(role, `${path} (status ${status})`))));
    errors.splice(0).forEach((e) => problems.push(`${where} — ${e}`));
  }
  return { problems, reached, pages };
}

/**
 * One test for all roles, so one server serves the whole walk and every problem of every role is listed
 * at once (a failed test would restart the worker, and with it the server and the sample URLs).
 */
test("every page as every role: no sideways scrolling at 390 px, no serious axe violation, no internal code", async ({
  browser,
  app,
}, testInfo) => {
  test.setTimeout(600_000);
  routes = await documentRoutes();
  sampleFromDemo = demoSampleUrls(app.databasePath);
  expect(routes.length, "document routes in build/server/index.js").toBeGreaterThan(10);
  const problems: string[] = [];
  // EVERY_PAGE_ROLES=staffAdmin,customerMember runs some roles only (while fixing a page).
  const only = process.env.EVERY_PAGE_ROLES?.split(",");
  const roles = Object.entries(ROLES).filter(([key]) => !only || only.includes(key));
  for (const [, role] of roles as [string, Role][]) {
    await test.step(role.name, async () => {
      const started = Date.now();
      const context = await contextFor(browser, app, role);
      try {
        const page = await context.newPage();
        const result = await browseAs(page, role);
        problems.push(...result.problems);
        testInfo.annotations.push({
          type: role.name,
          description: `${result.pages} pages in ${Math.round((Date.now() - started) / 1000)} s: ${[...result.reached].join(" ")}`,
        });
      } finally {
        await context.close();
      }
    });
  }
  const missing = routes
    .filter((r) => !only && !onlyPaths && !sampleUrls.has(r.path) && !REDIRECT_ONLY.has(r.id))
    .map((r) => `${r.path} (${r.id})`);
  expect(problems, `${problems.length} problems`).toEqual([]);
  expect(
    missing,
    "routes no role reached by a link: link them from a page, or add a sample URL to FIXED_URLS",
  ).toEqual([]);
});
