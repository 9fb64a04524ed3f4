import { describe, expect, it } from "vitest";
import { AccountWithRoomSchema, toMinorUnits } from "~/domain/accounts/schemas";
import { isCalendarDate, parseForm } from "~/utils/forms";

const valid = {
  name: "株式会社グローブ",
  allowedDomains: "globe.co.jp, @Sub.Globe.co.jp",
  logoUrl: "",
  crmDealUrl: "https://crm.example.com/deals/1",
  mrr: "1,200,000",
  currency: "JPY",
  contractStart: "2026-12-01",
  renewalDate: "2027-11-30",
  touchModel: "high",
  timeZone: "Asia/Tokyo",
  ownerId: "",
  csmId: "abc",
  roomTitle: "導入オンボーディング",
  stage: "onboarding",
  kickoffDate: "2026-12-07",
  targetGoLiveDate: "2027-03-31",
};

function form(values: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
}

describe("account form", () => {
  it("normalises a valid submission", () => {
    const result = parseForm(AccountWithRoomSchema, form(valid));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.allowedDomains).toEqual(["globe.co.jp", "sub.globe.co.jp"]);
    expect(result.data.mrr).toBe("1200000");
    expect(result.data.logoUrl).toBeUndefined();
    expect(result.data.ownerId).toBeUndefined();
  });

  it.each([
    [{ name: "  " }, "name", "validation.required"],
    [{ allowedDomains: "" }, "allowedDomains", "validation.domainsRequired"],
    [{ allowedDomains: "globe.co.jp, not a domain" }, "allowedDomains", "validation.domain"],
    [{ logoUrl: "javascript:alert(1)" }, "logoUrl", "validation.url"],
    [{ mrr: "12万" }, "mrr", "validation.amount"],
    [{ mrr: "100.5" }, "mrr", "validation.amountDecimals"],
    [{ currency: "XXX" }, "currency", "validation.choose"],
    [{ renewalDate: "2026-02-30" }, "renewalDate", "validation.date"],
    [{ renewalDate: "2026-11-01" }, "renewalDate", "validation.renewalAfterStart"],
    [{ targetGoLiveDate: "2026-12-01" }, "targetGoLiveDate", "validation.goLiveAfterKickoff"],
    [{ touchModel: "" }, "touchModel", "validation.choose"],
    [{ roomTitle: "x".repeat(121) }, "roomTitle", "validation.tooLong"],
  ])("rejects %o with a message on the field", (change, field, message) => {
    const result = parseForm(AccountWithRoomSchema, form({ ...valid, ...change }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors[field]).toBe(message);
  });

  it("allows cents for currencies that have them", () => {
    const result = parseForm(AccountWithRoomSchema, form({ ...valid, currency: "USD", mrr: "1500.5" }));
    expect(result.ok).toBe(true);
  });
});

describe("amounts and dates", () => {
  it("stores money in minor units of its currency", () => {
    expect(toMinorUnits("1200000", "JPY")).toBe(1_200_000);
    expect(toMinorUnits("1500.5", "USD")).toBe(150_050);
    expect(toMinorUnits("12.34", "EUR")).toBe(1234);
  });

  it("accepts only dates that exist", () => {
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2027-02-29")).toBe(false);
    expect(isCalendarDate("2027-13-01")).toBe(false);
    expect(isCalendarDate("27-01-01")).toBe(false);
  });
});
