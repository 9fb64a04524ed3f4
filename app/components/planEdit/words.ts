import { useTranslation } from "react-i18next";
import type enApp from "~/i18n/locales/en/app.json";
import type { Schedule } from "~/domain/plan/schemas";

/**
 * The two editors word the same forms in their own namespaces (a plan's "per room", a template's "per
 * template"); a key used by the shared forms must exist in both, which the type checks.
 */
export type EditorKey = keyof (typeof enApp)["planEdit"] & keyof (typeof enApp)["templateEdit"];

const NAMESPACE = { dates: "planEdit", offsets: "templateEdit" } as const;
const SIDES = { dates: "planEdit.sides", offsets: "templates.side" } as const;

/** `w(key)` translates a shared editor key in the words of the plan (dates) or template (offsets) editor. */
export function useEditorWords(schedule: Schedule) {
  const { t } = useTranslation();
  const w = (key: EditorKey, params?: Record<string, unknown>) => t(`${NAMESPACE[schedule]}.${key}`, params);
  const side = (value: string) => t(`${SIDES[schedule]}.${value}`);
  const visibility = (value: string) => t(`${NAMESPACE[schedule]}.visibilities.${value}`);
  return { t, w, side, visibility };
}
