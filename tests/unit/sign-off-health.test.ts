import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { evaluateAlerts } from "~/domain/health/alerts";
import { DEFAULT_HEALTH_CONFIG, type HealthInputs } from "~/domain/health/model";
import { HealthConfigSchema } from "~/domain/health/schemas";
import { computeHealth } from "~/domain/health/score";
import { alertText, measureFactsText } from "~/domain/health/text";
import en from "~/i18n/locales/en/app.json";
import ja from "~/i18n/locales/ja/app.json";
import { ago, withInputs } from "../helpers/health-inputs";

// The health parts of customer sign-off (検収): coverage from the RACI, the signOffWaiting rule, and
// stored model versions from before the rule.

const config = DEFAULT_HEALTH_CONFIG;
const coverage = (inputs: HealthInputs) =>
  computeHealth(inputs, config).measures.find((m) => m.key === "stakeholderCoverage")!;
const waiting = (inputs: HealthInputs) =>
  evaluateAlerts(inputs, computeHealth(inputs, config), config).find((f) => f.rule === "signOffWaiting") ??
  null;

beforeAll(async () => {
  await i18next.init({ lng: "en", resources: { en: { app: en }, ja: { app: ja } }, defaultNS: "app" });
});

describe("stakeholder coverage with a RACI", () => {
  const raci = (over: Partial<HealthInputs["stakeholders"]>): HealthInputs =>
    withInputs({
      stakeholders: {
        accountableDefined: true,
        accountableLastActiveDate: null,
        responsibleLastActiveDate: null,
        basis: "raci",
        accountableNamed: true,
        ...over,
      },
    });

  it("scores 100 with an A active in 30 days, 50 with only an R, 0 with none", () => {
    expect(
      coverage(raci({ accountableLastActiveDate: ago(3), responsibleLastActiveDate: ago(60) })).score,
    ).toBe(100);
    expect(
      coverage(raci({ accountableLastActiveDate: ago(40), responsibleLastActiveDate: ago(2) })).score,
    ).toBe(50);
    expect(
      coverage(raci({ accountableLastActiveDate: ago(40), responsibleLastActiveDate: ago(40) })).score,
    ).toBe(0);
    // Only R's in the RACI (no A, no sponsor): still measured, at most 50.
    const onlyR = raci({ accountableNamed: false, responsibleLastActiveDate: ago(1) });
    expect(coverage(onlyR).score).toBe(50);
  });

  it("says it used the RACI, and which letter is missing", () => {
    const t = i18next.getFixedT("en");
    const withA = coverage(raci({ accountableLastActiveDate: ago(3), responsibleLastActiveDate: ago(4) }));
    expect(measureFactsText(t, "en", withA)).toContain("(A)");
    expect(measureFactsText(t, "en", withA)).toContain("RACI");
    expect(measureFactsText(t, "en", withA)).not.toMatch(/sponsor/i);
    const noA = coverage(raci({ accountableNamed: false, responsibleLastActiveDate: ago(1) }));
    expect(measureFactsText(t, "en", noA)).toContain("no customer A in the RACI");
    // No sponsorInactive alert when nobody is accountable.
    const inputs = raci({ accountableNamed: false, responsibleLastActiveDate: ago(1) });
    expect(
      evaluateAlerts(inputs, computeHealth(inputs, config), config).some((f) => f.rule === "sponsorInactive"),
    ).toBe(false);
  });

  it("without a RACI keeps the sponsor wording", () => {
    const t = i18next.getFixedT("en");
    const m = coverage(
      withInputs({
        stakeholders: {
          accountableDefined: true,
          accountableLastActiveDate: ago(2),
          responsibleLastActiveDate: ago(3),
          basis: "sponsor",
        },
      }),
    );
    expect(m.score).toBe(100);
    expect(measureFactsText(t, "en", m)).toMatch(/^sponsor last active/);
  });
});

describe("signOffWaiting", () => {
  const req = (days: number, title = "Go live") => ({
    milestoneId: `m-${title}`,
    title,
    requestedOn: ago(days),
  });

  it("warns after 5 days, is critical after 14, on the longest wait", () => {
    expect(waiting(withInputs({ signOffsWaiting: [req(4)] }))).toBeNull();
    expect(waiting(withInputs({ signOffsWaiting: [req(5)] }))?.severity).toBe("warning");
    expect(waiting(withInputs({ signOffsWaiting: [req(13)] }))?.severity).toBe("warning");
    const f = waiting(withInputs({ signOffsWaiting: [req(2, "A"), req(14, "B")] }));
    expect(f).toMatchObject({
      severity: "critical",
      facts: { title: "B", days: 14, waiting: 2, milestoneId: "m-B" },
    });
    expect(waiting(withInputs({}))).toBeNull();
  });

  it("follows the thresholds of the model", () => {
    const custom = {
      ...config,
      alerts: { ...config.alerts, signOffWaiting: { warningDays: 1, criticalDays: 2 } },
    };
    const inputs = withInputs({ signOffsWaiting: [req(2)] });
    const f = evaluateAlerts(inputs, computeHealth(inputs, custom), custom).find(
      (x) => x.rule === "signOffWaiting",
    );
    expect(f?.severity).toBe("critical");
  });

  it("reads in both languages", () => {
    const f = waiting(withInputs({ signOffsWaiting: [req(6)] }))!;
    expect(alertText(i18next.getFixedT("en"), "en", f.rule, f.facts)).toBe(
      "The customer's sign-off of 'Go live' has been waiting for 6 days (1 waiting in all).",
    );
    expect(alertText(i18next.getFixedT("ja"), "ja", f.rule, f.facts)).toContain("検収が 6 日間");
  });
});

describe("stored model versions", () => {
  it("get the default signOffWaiting thresholds when they lack the rule", () => {
    const { version: _v, ...stored } = structuredClone(DEFAULT_HEALTH_CONFIG);
    delete (stored.alerts as Partial<typeof stored.alerts>).signOffWaiting;
    const parsed = HealthConfigSchema.parse(JSON.parse(JSON.stringify(stored)));
    expect(parsed.alerts.signOffWaiting).toEqual({ warningDays: 5, criticalDays: 14 });
  });

  it("refuses a warning later than the critical threshold", () => {
    const { version: _v, ...stored } = structuredClone(DEFAULT_HEALTH_CONFIG);
    stored.alerts.signOffWaiting = { warningDays: 20, criticalDays: 14 };
    expect(HealthConfigSchema.safeParse(stored).success).toBe(false);
  });
});
