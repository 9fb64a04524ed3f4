import type { Browser, BrowserContext, Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as vocabulary from "../../app/vocabulary";
import { claimMailWithLink, collectPageErrors, expect, STAFF_PASSWORD, type AppServer } from "./fixtures";

/**
 * What the every-page checks share: the document routes of the built app's route manifest, signing in
 * a role without the UI (the sign-in page is tested on its own), and the per-page checks (sideways
 * scrolling, axe-core, internal codes in the visible text).
 */

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const require = createRequire(import.meta.url);

/** A page of the manifest: a route with a component (resource routes have none), by its full path. */
export type PageRoute = { id: string; path: string; pattern: RegExp | null };

type ManifestRoute = {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  module: Record<string, unknown>;
};

/**
 * Every route of `build/server/index.js` that renders a document, with its full path (`/rooms/:roomId/plan`).
 * A layout route whose path its index child also has (`/rooms/:roomId`) counts once, as the index.
 */
export async function documentRoutes(): Promise<PageRoute[]> {
  const build = (await import(pathToFileURL(`${repoRoot}build/server/index.js`).href)) as {
    routes: Record<string, ManifestRoute>;
  };
  const routes = build.routes;
  const fullPath = (route: ManifestRoute): string => {
    const parent = route.parentId ? routes[route.parentId] : undefined;
    const base = parent ? fullPath(parent) : "";
    if (!route.path) return base || "/";
    return `${base === "/" ? "" : base}/${route.path}`;
  };
  const byPath = new Map<string, PageRoute>();
  for (const route of Object.values(routes)) {
    if (route.id === "root" || typeof route.module.default !== "function") continue;
    const path = fullPath(route);
    if (byPath.has(path) && !route.index) continue;
    const pattern =
      path === "/*"
        ? null
        : new RegExp(`^${path.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/:[A-Za-z]+/g, "([^/]+)")}$`);
    byPath.set(path, { id: route.id, path, pattern });
  }
  // A static segment before a parameter, as Remix ranks them: /meetings/new before /meetings/:meetingId.
  const rank = (path: string) => path.replaceAll(":", "\uffff");
  return [...byPath.values()].sort((a, b) => (rank(a.path) < rank(b.path) ? -1 : 1));
}

export type Role = {
  /** How failures name it: "staff admin (ja)". */
  name: string;
  email: string | null;
  kind: "staff" | "customer" | "anonymous";
  locale: "ja" | "en";
};

/**
 * The demo data's people (app/startup/demo.server.ts): staff in Japanese (the admin sees every staff page),
 * customers in Japanese and English.
 */
export const ROLES = {
  staffAdmin: {
    name: "staff admin 山田 (ja)",
    email: "admin@launchroom.example",
    kind: "staff",
    locale: "ja",
  },
  customerAdmin: {
    name: "customer admin 田中 (ja)",
    email: "tanaka@sample-shoji.co.jp",
    kind: "customer",
    locale: "ja",
  },
  customerMember: {
    name: "customer member 伊藤 (ja)",
    email: "ito@sample-shoji.co.jp",
    kind: "customer",
    locale: "ja",
  },
  customerAdminEn: {
    name: "customer admin Jordan (en)",
    email: "jordan@acme-analytics.com",
    kind: "customer",
    locale: "en",
  },
  anonymousJa: { name: "signed out (ja)", email: null, kind: "anonymous", locale: "ja" },
  anonymousEn: { name: "signed out (en)", email: null, kind: "anonymous", locale: "en" },
} as const satisfies Record<string, Role>;

type SignedIn = Awaited<ReturnType<BrowserContext["storageState"]>>;

/**
 * Customers' sessions, per app server and address: a customer signs in by emailed link once per worker,
 * and later contexts start from that session. The app sends one address at most 5 links per 15 minutes
 * (app/auth/rate-limit.server.ts), and the specs of a worker run within those minutes; a link per context
 * had 田中's sixth request refused in a fresh-clone run. Specs that test signing in still do it by hand.
 */
const customerSessions = new Map<string, SignedIn>();

/**
 * A browser context signed in as the role, through the same POSTs the sign-in forms send: a password for
 * staff, an emailed link for customers (read from the SMTP sink), or the customer's session from an
 * earlier context of this worker while it is still valid.
 */
export async function contextFor(browser: Browser, app: AppServer, role: Role): Promise<BrowserContext> {
  const key = `${app.url} ${role.email}`;
  const saved = role.kind === "customer" ? customerSessions.get(key) : undefined;
  const context = await browser.newContext({
    baseURL: app.url,
    locale: role.locale === "ja" ? "ja-JP" : "en-US",
    viewport: { width: 390, height: 844 },
    storageState: saved,
  });
  const headers = { Origin: app.url };
  if (role.kind === "staff" && role.email) {
    const response = await context.request.post("/sign-in", {
      form: { intent: "password", email: role.email, password: STAFF_PASSWORD, redirectTo: "/" },
      headers,
      maxRedirects: 0,
    });
    expect(response.status(), `password sign-in of ${role.name}`).toBe(302);
  } else if (role.kind === "customer" && role.email && !(saved && (await stillSignedIn(context)))) {
    const email = role.email;
    const response = await context.request.post("/sign-in", {
      form: { intent: "link", email, redirectTo: "/" },
      headers,
    });
    expect(response.ok(), `sign-in link request of ${role.name}`).toBe(true);
    const mail = await claimMailWithLink(app.sink, email, "/auth/link");
    const token = /\/auth\/link\?token=([^\s<>"\])]+)/.exec(mail.text)?.[1];
    expect(token, `the sign-in link mailed to ${role.name}`).toBeTruthy();
    const redeemed = await context.request.post("/auth/link", {
      form: { token: decodeURIComponent(token!) },
      headers,
      maxRedirects: 0,
    });
    expect(redeemed.status(), `redeeming the sign-in link of ${role.name}`).toBe(302);
    customerSessions.set(key, await context.storageState());
  }
  // The role's language, whatever an earlier spec stored for the same person (it is kept per user).
  const language = await context.request.post("/language", {
    form: { locale: role.locale, redirectTo: "/" },
    headers,
    maxRedirects: 0,
  });
  expect(language.status(), `choosing ${role.locale} for ${role.name}`).toBe(302);
  return context;
}

/** Whether the context's session still opens a signed-in page (a spec may have signed it out). */
async function stillSignedIn(context: BrowserContext): Promise<boolean> {
  const response = await context.request.get("/profile", { maxRedirects: 0 });
  return response.status() === 200;
}

export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1440, height: 900 } as const;

/** Sideways overflow: the document's width and the visible elements that stick out of the viewport. */
export async function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const problems: string[] = [];
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth > window.innerWidth) {
      problems.push(`document scrollWidth ${scrollWidth} px > viewport ${window.innerWidth} px`);
    }
    const describe = (el: Element) => {
      const id = el.id ? `#${el.id}` : "";
      const testId = el.getAttribute("data-testid");
      const cls =
        typeof el.className === "string" && el.className
          ? `.${el.className.trim().split(/\s+/).slice(0, 4).join(".")}`
          : "";
      const text = (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
      return `<${el.tagName.toLowerCase()}${id}${testId ? `[data-testid=${testId}]` : ""}${cls}> "${text}"`;
    };
    /**
     * Inside a box that scrolls or clips sideways (the box itself is checked on its own). An absolutely
     * positioned element (an sr-only text) escapes a box that is not positioned: it widens the page.
     */
    const insideScroller = (el: Element) => {
      let absolute = getComputedStyle(el).position === "absolute";
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX !== "visible" && !absolute) return true;
        if (absolute && style.position !== "static") {
          if (style.overflowX !== "visible") return true;
          absolute = style.position === "absolute";
        }
      }
      return false;
    };
    for (const el of document.body.querySelectorAll("*")) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      if (rect.right <= viewport + 1 && rect.left >= -1) continue;
      const style = getComputedStyle(el);
      if (style.position === "fixed") continue;
      if (insideScroller(el)) continue;
      problems.push(`${describe(el)} spans ${Math.round(rect.left)}–${Math.round(rect.right)} px`);
      if (problems.length > 6) break;
    }
    return problems;
  });
}

const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** axe-core's serious and critical violations, as "rule-id (impact): target, target …". */
export async function axeViolations(page: Page): Promise<string[]> {
  // page.evaluate runs over the DevTools protocol, which the app's CSP does not block.
  const loaded = await page.evaluate(() => "axe" in window);
  if (!loaded) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    // No frames: the only one is the outbox's email preview, sandboxed without scripts on purpose, where
    // axe cannot run (Chromium logs the blocked attempt as an error).
    const result = await axe.run(document, { resultTypes: ["violations"], iframes: false });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(" ")),
    }));
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.targets.slice(0, 4).join(", ")}${v.targets.length > 4 ? ` … ${v.targets.length} nodes` : ""}`,
    );
}

/** The top-level sections of the UI strings: "plan.side.vendor" on a screen is a key that leaked. */
const i18nSections = Object.keys(
  JSON.parse(readFileSync(`${repoRoot}app/i18n/locales/en/app.json`, "utf8")) as Record<string, unknown>,
);
const leakedKey = new RegExp(`\\b(?:${i18nSections.join("|")})\\.[A-Za-z_]+(?:\\.[A-Za-z_]+)*\\b`, "g");
const snakeCase = /\b[a-z]+(?:_[a-z]+)+\b/g;

/** Code names of app/vocabulary.ts that are no ordinary English word. */
const CODE_WORDS = new Set(["csm", "ja", "en", "todo"]);
/** The RACI letters are shown to people as they are (with a legend), like "KPI": not codes. */
const SHOWN_AS_IS = new Set<string>(vocabulary.RACI_LETTERS);
const vocabularyValues = [
  ...new Set((Object.values(vocabulary) as unknown[]).filter((v): v is string[] => Array.isArray(v)).flat()),
].filter((v) => !SHOWN_AS_IS.has(v));
const codeWords = new RegExp(
  `(?<![\\w@./-])(?:${vocabularyValues.filter((v) => CODE_WORDS.has(v)).join("|")})(?![\\w@./-])`,
  "g",
);
const japanese = "[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}ー]";
/**
 * A code name written after Japanese text: "パルス green", "ステージ: onboarding". (Not before: a room
 * called "Acme onboarding" next to its stage "オンボーディング" is data.)
 */
const codeNextToJapanese = new RegExp(`${japanese}[\\s:：]*(?:${vocabularyValues.join("|")})(?![\\w])`, "gu");

/** Internal codes and leaked i18n keys in the visible text of the page. */
export async function internalCodes(page: Page): Promise<string[]> {
  // Code samples (a CSV format, a command) are code on purpose: left out.
  const text = await page.evaluate(() => {
    const samples = [...document.querySelectorAll<HTMLElement>("code, pre, kbd, samp")];
    const displays = samples.map((el) => el.style.display);
    samples.forEach((el) => (el.style.display = "none"));
    const visible = document.body.innerText;
    samples.forEach((el, i) => (el.style.display = displays[i]!));
    return visible;
  });
  // E-mail addresses and URLs are data, not codes.
  const prose = text.replace(/\S+@\S+|https?:\/\/\S+/g, " ");
  const found = new Set<string>();
  for (const re of [snakeCase, leakedKey, codeWords, codeNextToJapanese]) {
    for (const match of prose.matchAll(re)) {
      const before = prose.slice(Math.max(0, match.index - 20), match.index);
      const after = prose.slice(match.index + match[0].length, match.index + match[0].length + 20);
      found.add(`${match[0].trim()}" in "…${before}[${match[0]}]${after}…`.replace(/\s+/g, " "));
    }
  }
  return [...found];
}

/** A page's own errors (uncaught, console.error), collected while the role browses. */
export function watchErrors(page: Page): string[] {
  return collectPageErrors(page);
}
