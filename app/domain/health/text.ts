/**
 * Health facts in words, one place for the UI and the alert emails: dates formatted per locale, and a
 * `never` context when a "days since" fact is null (nobody was ever active), so messages never say "null".
 */
import type { TFunction } from "i18next";
import type { Locale } from "~/vocabulary";
import { formatDate } from "~/i18n/format";

type Facts = Record<string, unknown>;

function prepare(locale: Locale, facts: Facts): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(facts)) {
    out[key] =
      value === null
        ? ""
        : typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)
          ? formatDate(locale, value)
          : value;
  }
  return out;
}

/** The fact that decides singular or plural in English ("1 day" / "3 days"). */
const COUNT_FACTS = ["count", "daysSince", "daysLate", "daysOverdue", "days", "worstDays", "activeDays"];

function context(facts: Facts): { context?: string; count?: number } {
  // Model version 2: the silence cap stays after a return until the customer is active on enough days.
  if (facts.recovering === "yes") return { context: "recovering", count: Number(facts.activeDays ?? 0) };
  if ("daysSince" in facts && facts.daysSince === null) return { context: "never" };
  // Stakeholder coverage: nobody responsible was ever active, so there is no second figure to give.
  if ("responsibleDaysSince" in facts && facts.responsibleDaysSince === null)
    return { context: "sponsorOnly" };
  const key = COUNT_FACTS.find((k) => typeof facts[k] === "number");
  const count = key ? { count: facts[key] as number } : {};
  // First value already reached: say when, not what is forecast.
  return typeof facts.actualDate === "string" ? { ...count, context: "reached" } : count;
}

/** A sponsor who was named but never signed in is "not joined", whatever the days since say. */
const notJoined = (facts: Facts) => facts.sponsor === "notJoined";

export function alertText(t: TFunction, locale: Locale, rule: string, facts: Facts): string {
  if (rule === "sponsorInactive" && notJoined(facts))
    return t("lateness.health.sponsorNotJoined", { ...prepare(locale, facts), ...context(facts) });
  return t(`health.alerts.rules.${rule}`, { ...prepare(locale, facts), ...context(facts) });
}

export function measureFactsText(
  t: TFunction,
  locale: Locale,
  m: { key: string; raw: number | null; facts: Facts },
): string {
  if (m.raw === null) return t(`health.na.${m.key}`);
  if (m.key === "stakeholderCoverage" && m.facts.basis === "raci") {
    const variant =
      m.facts.accountable === "none" ? "RaciNoA" : notJoined(m.facts) ? "RaciNotJoined" : "Raci";
    return t(`health.facts.stakeholderCoverage${variant}`, {
      ...prepare(locale, m.facts),
      ...context(m.facts),
    });
  }
  if (m.key === "stakeholderCoverage" && notJoined(m.facts))
    return t(
      m.facts.responsibleDaysSince === null
        ? "lateness.health.coverageNobodyJoined"
        : "lateness.health.coverageSponsorNotJoined",
      { ...prepare(locale, m.facts), count: Number(m.facts.responsibleDaysSince ?? 0) },
    );
  // Results computed by model version 1 (before issue 12) named days since the last activity instead.
  if (m.key === "customerPresence" && !("activeDays" in m.facts))
    return t("health.facts.customerPresenceV1", { ...prepare(locale, m.facts), ...context(m.facts) });
  return t(`health.facts.${m.key}`, { ...prepare(locale, m.facts), ...context(m.facts) });
}

export function capText(
  t: TFunction,
  locale: Locale,
  cap: { key: string; limit: number; facts: Facts },
): string {
  return t(`health.caps.${cap.key}`, {
    ...prepare(locale, cap.facts),
    ...context(cap.facts),
    limit: cap.limit,
  });
}
