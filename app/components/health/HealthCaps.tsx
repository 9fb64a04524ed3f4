import { useTranslation } from "react-i18next";
import type { HealthResult } from "~/domain/health/model";
import { capText } from "~/domain/health/text";
import { useRootData } from "~/root";

/** The caps holding the score down, one sentence each. */
export function HealthCaps({ caps }: { caps: HealthResult["caps"] }) {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  if (!caps.length) return null;
  return (
    <ul className="space-y-1 text-sm text-red-800" data-testid="health-caps">
      {caps.map((c) => (
        <li key={c.key}>{capText(t, locale, c)}</li>
      ))}
    </ul>
  );
}
