import { useTranslation } from "react-i18next";

const offset = (days: unknown) => (typeof days === "number" ? (days >= 0 ? `+${days}` : String(days)) : "");

/** A proposed template change in words (never the internal kind code). */
export function ProposalText({
  kind,
  proposal,
}: {
  kind: string | null;
  proposal: Record<string, unknown> | null;
}) {
  const { t } = useTranslation();
  if (!kind || !proposal) return null;
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  const num = (v: unknown) => typeof v === "number";
  switch (kind) {
    case "add_task":
      return (
        <>
          {t("review.proposal.addTask", {
            title: str(proposal.title),
            phase: str(proposal.phaseTitle),
            side: t(`templates.side.${str(proposal.side) || "joint"}`),
            start: offset(proposal.startOffsetDays),
            due: offset(proposal.dueOffsetDays),
          })}
        </>
      );
    case "change_task":
      return (
        <>
          {t("review.proposal.changeTask", { title: str(proposal.targetTitle) })}
          {str(proposal.title) ? ` ${t("review.proposal.newTitle", { title: str(proposal.title) })}` : ""}
          {num(proposal.startOffsetDays) || num(proposal.dueOffsetDays)
            ? ` ${t("review.proposal.newDays", {
                start: offset(proposal.startOffsetDays) || "—",
                due: offset(proposal.dueOffsetDays) || "—",
              })}`
            : ""}
        </>
      );
    case "add_milestone":
      return (
        <>
          {t("review.proposal.addMilestone", {
            title: str(proposal.title),
            day: offset(proposal.offsetDays),
          })}
        </>
      );
    case "change_milestone":
      return (
        <>
          {t("review.proposal.changeMilestone", { title: str(proposal.targetTitle) })}
          {str(proposal.title) ? ` ${t("review.proposal.newTitle", { title: str(proposal.title) })}` : ""}
          {num(proposal.offsetDays)
            ? ` ${t("review.proposal.newDay", { day: offset(proposal.offsetDays) })}`
            : ""}
        </>
      );
    default:
      return null;
  }
}
