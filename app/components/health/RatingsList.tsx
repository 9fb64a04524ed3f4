import { useTranslation } from "react-i18next";
import type { HealthPanelData } from "./panel-types";

/** The latest milestone ratings from the customer's side. */
export function RatingsList({ ratings }: { ratings: HealthPanelData["ratings"] }) {
  const { t } = useTranslation();
  if (!ratings.length) return null;
  return (
    <section className="card space-y-2" aria-labelledby="ratings-title">
      <h3 id="ratings-title" className="font-semibold">
        {t("health.ratings.title")}
      </h3>
      <ul className="space-y-2 text-sm">
        {ratings.map((r, i) => (
          <li key={i}>
            <span aria-hidden="true">{"★".repeat(r.stars) + "☆".repeat(5 - r.stars)}</span>{" "}
            {t("health.ratings.item", { stars: r.stars, milestone: r.milestone, name: r.by })}
            {r.comment ? <span className="block text-slate-700">{r.comment}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
