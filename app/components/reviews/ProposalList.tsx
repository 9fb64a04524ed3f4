import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProposalText } from "./ProposalText";

export type ProposalItem = {
  id: string;
  version: number;
  category: string;
  cost: string;
  description: string;
  proposalKind: string | null;
  proposal: Record<string, unknown> | null;
  templateName: string;
  roomId: string;
  roomTitle: string;
  accountName: string;
};

/** Proposed template changes waiting for an admin, with Accept and Reject when the viewer may decide. */
export function ProposalList({
  items,
  canDecide,
  showTemplate,
}: {
  items: ProposalItem[];
  canDecide: boolean;
  showTemplate?: boolean;
}) {
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  if (!items.length) return <p className="text-sm text-slate-600">{t("review.proposalsEmpty")}</p>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="proposals">
      {items.map((p) => (
        <li key={p.id} className="space-y-2 py-3">
          <p className="font-medium break-words">
            <ProposalText kind={p.proposalKind} proposal={p.proposal} />
          </p>
          <p className="text-sm break-words text-slate-700">{p.description}</p>
          <p className="text-xs text-slate-500">
            {showTemplate ? `${p.templateName} · ` : ""}
            {t(`review.categories.${p.category}`)} · {t(`review.costs.${p.cost}`)} ·{" "}
            <Link to={`/rooms/${p.roomId}/review`} className="text-brand-700 underline">
              {p.accountName} / {p.roomTitle}
            </Link>
          </p>
          {canDecide ? (
            <div className="flex flex-wrap gap-2">
              <Form method="post">
                <input type="hidden" name="intent" value="accept" />
                <input type="hidden" name="findingId" value={p.id} />
                <input type="hidden" name="version" value={p.version} />
                <button type="submit" className="btn-primary px-3 py-1" disabled={busy}>
                  {t("review.accept")}
                </button>
              </Form>
              <Form method="post">
                <input type="hidden" name="intent" value="reject" />
                <input type="hidden" name="findingId" value={p.id} />
                <input type="hidden" name="version" value={p.version} />
                <button type="submit" className="btn-secondary px-3 py-1" disabled={busy}>
                  {t("review.reject")}
                </button>
              </Form>
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
