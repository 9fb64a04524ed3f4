import { z } from "zod";
import { ROOM_STAGES, TOUCH_MODELS } from "~/vocabulary";
import { fields } from "~/utils/forms";
import { CURRENCIES, TIME_ZONES } from "./constants";

export { CURRENCIES, TIME_ZONES };

const DOMAIN = /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/;

/** "example.co.jp, @sub.example.com" → ["example.co.jp", "sub.example.com"]; any malformed entry fails. */
export const domainList = z.preprocess(
  (v) =>
    typeof v === "string"
      ? [
          ...new Set(
            v
              .split(/[\s,、，]+/)
              .map((d) => d.trim().toLowerCase().replace(/^@/, ""))
              .filter(Boolean),
          ),
        ]
      : v,
  z
    .array(z.string().regex(DOMAIN, { message: "validation.domain" }))
    .min(1, { message: "validation.domainsRequired" })
    .max(20, { message: "validation.tooMany" }),
);

/** Digits a currency's minor unit has (0 for JPY, 2 for USD). */
export function currencyDigits(currency: string): number {
  return (
    new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

export const AccountWithRoomSchema = z
  .object({
    name: fields.requiredText(120),
    allowedDomains: domainList,
    logoUrl: fields.optionalUrl(),
    crmDealUrl: fields.optionalUrl(),
    mrr: z.preprocess(
      (v) => (typeof v === "string" ? v.replace(/[,，\s¥$€£]/g, "") : v),
      z
        .string()
        .min(1, { message: "validation.required" })
        .regex(/^\d{1,12}(\.\d{1,2})?$/, { message: "validation.amount" }),
    ),
    currency: fields.enumOf(CURRENCIES),
    contractStart: fields.optionalDate(),
    renewalDate: fields.date(),
    touchModel: fields.enumOf(TOUCH_MODELS),
    timeZone: fields.enumOf(TIME_ZONES),
    ownerId: fields.optionalText(40),
    csmId: fields.requiredText(40),
    roomTitle: fields.requiredText(120),
    stage: fields.enumOf(ROOM_STAGES),
    kickoffDate: fields.optionalDate(),
    targetGoLiveDate: fields.optionalDate(),
  })
  .superRefine((v, ctx) => {
    if (v.contractStart && v.renewalDate && v.renewalDate <= v.contractStart) {
      ctx.addIssue({ code: "custom", path: ["renewalDate"], message: "validation.renewalAfterStart" });
    }
    if (v.kickoffDate && v.targetGoLiveDate && v.targetGoLiveDate < v.kickoffDate) {
      ctx.addIssue({ code: "custom", path: ["targetGoLiveDate"], message: "validation.goLiveAfterKickoff" });
    }
    const [, decimals = ""] = v.mrr.split(".");
    if (decimals.length > currencyDigits(v.currency)) {
      ctx.addIssue({ code: "custom", path: ["mrr"], message: "validation.amountDecimals" });
    }
  });

export type AccountWithRoomInput = z.output<typeof AccountWithRoomSchema>;

/** "1500.5" in USD → 150050 minor units. */
export function toMinorUnits(amount: string, currency: string): number {
  const digits = currencyDigits(currency);
  const [whole, fraction = ""] = amount.split(".");
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, "0").slice(0, digits) || 0);
}
