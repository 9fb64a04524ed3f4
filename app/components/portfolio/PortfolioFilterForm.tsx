import { Form, Link, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { TOUCH_MODELS, type StaffRole } from "~/vocabulary";
import {
  hasFilters,
  PORTFOLIO_BANDS,
  portfolioHref,
  portfolioSearch,
  RENEWAL_WINDOW_DAYS,
  type PortfolioParams,
} from "~/domain/health/portfolio";

const CHECKBOX = "h-4 w-4 rounded border-slate-300 text-brand-600";

/** Where "clear filters" goes: same view, sort and scope, nothing else. */
export function clearedHref(params: PortfolioParams, role: StaffRole): string {
  return portfolioHref(
    portfolioSearch(params, role, {
      query: "",
      bands: [],
      reactiveOnly: false,
      renewalSoon: false,
      handoffOpen: false,
      touchModel: null,
      page: 1,
    }),
  );
}

/**
 * The filters as a plain GET form, so they work without JavaScript. The view and a chosen sort ride
 * along as hidden fields; submitting starts again at page 1. With JS the boxes and lists apply on
 * change, and the field that had the focus gets it back when the form is rebuilt with the new state; the
 * search text applies with Enter or the Apply button (a search per keystroke would fight the typing).
 */
export function PortfolioFilterForm({
  params,
  role,
  canChooseScope,
}: {
  params: PortfolioParams;
  role: StaffRole;
  canChooseScope: boolean;
}) {
  const { t } = useTranslation();
  const carried = portfolioSearch(params, role).filter(([key]) => ["view", "sort", "dir"].includes(key));
  const submit = useSubmit();
  const formRef = useRef<HTMLFormElement>(null);
  const focused = useRef<{ name: string; value: string } | null>(null);
  const key = portfolioHref(portfolioSearch(params, role));
  useEffect(() => {
    const was = focused.current;
    focused.current = null;
    if (!was || (document.activeElement && document.activeElement !== document.body)) return;
    const fields = [...(formRef.current?.elements ?? [])] as HTMLInputElement[];
    fields.find((f) => f.name === was.name && (f.type !== "checkbox" || f.value === was.value))?.focus();
  }, [key]);
  return (
    // Keyed by the state it shows: after a navigation the fields show the new state, not what was typed.
    <Form
      key={key}
      ref={formRef}
      method="get"
      action="/portfolio"
      role="search"
      aria-label={t("portfolio.filters.label")}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
      onChange={(event) => {
        const field = event.target as HTMLInputElement;
        if (field.type === "search" || field.type === "text") return;
        focused.current = { name: field.name, value: field.value };
        submit(event.currentTarget, { preventScrollReset: true, replace: true });
      }}
    >
      {carried.map(([key, value]) => (
        <input key={key} type="hidden" name={key} value={value} />
      ))}
      <div className="flex flex-wrap items-end gap-3">
        {canChooseScope ? (
          <div>
            <label htmlFor="portfolio-scope" className="label">
              {t("portfolio.scope")}
            </label>
            <select id="portfolio-scope" name="scope" defaultValue={params.scope} className="input">
              <option value="mine">{t("portfolio.scopeMine")}</option>
              <option value="all">{t("portfolio.scopeAll")}</option>
            </select>
          </div>
        ) : null}
        <div className="min-w-56 flex-1">
          <label htmlFor="portfolio-q" className="label">
            {t("portfolio.search")}
          </label>
          <input
            id="portfolio-q"
            name="q"
            type="search"
            defaultValue={params.query}
            className="input"
            placeholder={t("portfolio.searchPlaceholder")}
          />
        </div>
        <div>
          <label htmlFor="portfolio-touch" className="label">
            {t("portfolio.filters.touch")}
          </label>
          <select id="portfolio-touch" name="touch" defaultValue={params.touchModel ?? ""} className="input">
            <option value="">{t("portfolio.filters.touchAll")}</option>
            {TOUCH_MODELS.map((m) => (
              <option key={m} value={m}>
                {t(`touchModels.${m}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="flex flex-wrap items-end gap-x-8 gap-y-3">
        <fieldset>
          <legend className="label">{t("portfolio.filters.band")}</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-2">
            {PORTFOLIO_BANDS.map((band) => (
              <label key={band} className="inline-flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="band"
                  value={band}
                  defaultChecked={params.bands.includes(band)}
                  className={CHECKBOX}
                />
                {t(`health.bands.${band}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend className="label">{t("portfolio.filters.more")}</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-2">
            <label className="inline-flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="reactive"
                value="1"
                defaultChecked={params.reactiveOnly}
                className={CHECKBOX}
              />
              {t("portfolio.filters.reactive")}
            </label>
            <label className="inline-flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="renewal"
                value="1"
                defaultChecked={params.renewalSoon}
                className={CHECKBOX}
              />
              {t("portfolio.filters.renewal", { days: RENEWAL_WINDOW_DAYS })}
            </label>
            <label className="inline-flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="handoff"
                value="1"
                defaultChecked={params.handoffOpen}
                className={CHECKBOX}
              />
              {t("handoff.portfolioFilter")}
            </label>
          </div>
        </fieldset>
        <div className="ml-auto flex items-center gap-3">
          {hasFilters(params) ? (
            <Link
              to={clearedHref(params, role)}
              className="text-sm text-brand-700 underline-offset-2 hover:underline"
            >
              {t("portfolio.filters.clear")}
            </Link>
          ) : null}
          <SubmitButton>{t("portfolio.apply")}</SubmitButton>
        </div>
      </div>
    </Form>
  );
}
