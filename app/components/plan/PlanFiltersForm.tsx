import { Form, Link, useSubmit } from "@remix-run/react";
import { useCachedT } from "~/components/cached-t";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { useHydrated } from "~/components/ui/useHydrated";
import { formatDate } from "~/i18n/format";
import { useRootData } from "~/root";

type Filters = { mine: boolean; customer: boolean; overdue: boolean; week: boolean };

/**
 * A GET form: the filters live in the URL, so they work without client JS and can be bookmarked. With
 * JS they apply as soon as a box changes (the scroll position stays); without it, with the button.
 */
export function PlanFiltersForm({
  filters,
  weekStart,
  weekEnd,
}: {
  filters: Filters;
  weekStart: string;
  weekEnd: string;
}) {
  const t = useCachedT();
  const locale = useRootData()?.locale ?? "en";
  const submit = useSubmit();
  const hydrated = useHydrated();
  const boxes: { name: keyof Filters; label: string }[] = [
    { name: "mine", label: t("plan.filters.mine") },
    { name: "customer", label: t("plan.filters.customer") },
    { name: "overdue", label: t("plan.filters.overdue") },
    {
      name: "week",
      label: t("plan.filters.week", {
        from: formatDate(locale, weekStart),
        to: formatDate(locale, weekEnd),
      }),
    },
  ];
  return (
    <Form
      method="get"
      className="card flex flex-wrap items-center gap-x-5 gap-y-3 py-3"
      onChange={(event) => submit(event.currentTarget, { preventScrollReset: true, replace: true })}
    >
      <fieldset className="contents">
        <legend className="sr-only">{t("plan.filters.legend")}</legend>
        {boxes.map((b) => (
          <label key={b.name} className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              name={b.name}
              value="1"
              defaultChecked={filters[b.name]}
              className="h-4 w-4 rounded border-slate-300"
            />
            {b.label}
          </label>
        ))}
      </fieldset>
      <div className="ml-auto flex gap-2">
        {hydrated ? null : (
          <SubmitButton className="btn-secondary px-3 py-1">{t("plan.filters.apply")}</SubmitButton>
        )}
        {Object.values(filters).some(Boolean) ? (
          <Link to="." className="btn-secondary px-3 py-1">
            {t("plan.filters.clear")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
