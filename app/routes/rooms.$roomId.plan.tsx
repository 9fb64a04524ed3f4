import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { z } from "zod";
import { can, type RoomCapability } from "~/access/capabilities";
import { requireRoomAccess } from "~/web/guards.server";
import { useCachedT } from "~/components/cached-t";
import { ErrorView } from "~/components/ErrorView";
import { MilestoneList } from "~/components/plan/MilestoneList";
import { PlanEmptyState } from "~/components/plan/PlanEmptyState";
import { PlanFiltersForm } from "~/components/plan/PlanFiltersForm";
import { packPhases, PhaseTasks, unpackPhases } from "~/components/plan/PhaseTasks";
import { useInPlaceStatus } from "~/components/plan/useInPlaceStatus";
import { FormError, Notice } from "~/components/ui/Field";
import { LiveMessage } from "~/components/ui/LiveMessage";
import { completeMilestone, createPlanFromTemplate, moveMilestone } from "~/domain/plan/plan.server";
import { createEmptyPlan, getPlanList, hasFilters, parsePlanFilters } from "~/domain/plan/views.server";
import { listTemplates } from "~/domain/templates/templates.server";
import { fields } from "~/utils/forms";
import { answerIntent, on } from "~/web/form-action.server";
import { statusNoticeFrom, taskStatusForm } from "~/web/plan-items.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = requireRoomAccess(request, params.roomId, "room.view");
  const filters = parsePlanFilters(new URL(request.url).searchParams);
  const { phases, ...list } = getPlanList(ctx, filters);
  const canEdit = can(ctx.role, "plan.edit");
  return {
    ...list,
    // The hundreds of task rows travel as one string (see packPhases).
    phases: packPhases(phases),
    filters,
    filtered: hasFilters(filters),
    canEdit,
    staff: can(ctx.role, "room.viewInternal"),
    roomId: ctx.room.id,
    kickoffDate: ctx.room.kickoffDate,
    timeZone: ctx.account.timeZone,
    // The notice of a status change posted without JavaScript, shown beside its task (see taskStatusForm).
    statusNotice: statusNoticeFrom(request) ?? null,
    templates:
      canEdit && !list.hasPlan
        ? listTemplates().map((t) => ({ id: t.id, name: t.name, locale: t.locale, tasks: t.tasks }))
        : [],
  };
}

const version = fields.version;

const CompleteMilestoneSchema = z.object({ milestoneId: fields.requiredText(64), version: version() });
const MoveMilestoneSchema = z.object({
  milestoneId: fields.requiredText(64),
  version: version(),
  targetDate: fields.date(),
});
const FromTemplateSchema = z.object({ templateId: fields.requiredText(64) });
const EmptyPlanSchema = z.object({ phaseTitle: fields.requiredText(200) });

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = requireRoomAccess(request, params.roomId, "room.view");
  const formData = await request.formData();
  // Each form needs its own capability, checked before the form is read; field errors come with a summary.
  const needs = (capability: RoomCapability) => ({
    guard: () => requireRoomAccess(request, params.roomId, capability),
    invalid: "plan.fixErrors",
  });
  return answerIntent(
    formData,
    {
      status: taskStatusForm(ctx, request, formData, needs("plan.updateCustomerTasks")),
      completeMilestone: on(
        CompleteMilestoneSchema,
        (i) => completeMilestone(ctx, i.milestoneId, i.version),
        "plan.notice.milestoneConfirmed",
        needs("plan.edit"),
      ),
      moveMilestone: on(
        MoveMilestoneSchema,
        (i) => moveMilestone(ctx, i.milestoneId, i.targetDate, i.version),
        "plan.notice.milestoneMoved",
        needs("plan.edit"),
      ),
      fromTemplate: on(
        FromTemplateSchema,
        (i) => createPlanFromTemplate(ctx, i.templateId),
        (created) => ({
          notice: "plan.notice.created",
          params: { tasks: created.tasks, milestones: created.milestones },
        }),
        needs("plan.edit"),
      ),
      emptyPlan: on(
        EmptyPlanSchema,
        (i) => createEmptyPlan(ctx, i.phaseTitle),
        "plan.notice.createdEmpty",
        needs("plan.edit"),
      ),
    },
    "plan.unknownAction",
  );
}

export default function PlanRoute() {
  const t = useCachedT();
  const d = useLoaderData<typeof loader>();
  const phases = useMemo(() => unpackPhases(d.phases), [d.phases]);
  const actionResult = useActionData<typeof action>();
  const inPlace = useInPlaceStatus();
  // The latest answer: a status change saved in place, a form posted, or a no-JS status change's notice.
  const result = inPlace.result ?? actionResult ?? d.statusNotice ?? undefined;
  // Errors about one task or milestone are shown beside it; the rest at the top.
  const itemId = result?.values?.taskId ?? result?.values?.milestoneId;
  const topError = result && !result.ok && !itemId ? result : undefined;

  if (!d.hasPlan) {
    return (
      <div className="space-y-4">
        {result?.formError === "plan.unknownAction" ? <FormError messageKey={result.formError} /> : null}
        <PlanEmptyState
          canEdit={d.canEdit}
          kickoffDate={d.kickoffDate}
          templates={d.templates}
          result={result}
        />
      </div>
    );
  }

  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <section className="space-y-4 lg:col-span-2" aria-labelledby="plan-title">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="plan-title" className="text-lg font-semibold">
            {t("plan.title")}
          </h2>
          <p className="text-sm text-slate-600" data-testid="plan-count">
            {d.filtered
              ? t("plan.countFiltered", { shown: d.shownTasks, total: d.totalTasks })
              : t("plan.count", { count: d.totalTasks })}
          </p>
        </div>
        <nav aria-label={t("plan.actions")} className="flex flex-wrap gap-2 text-sm">
          {d.canEdit ? (
            <Link to="edit" className="btn-secondary px-3 py-1.5">
              {t("plan.editStructure")}
            </Link>
          ) : null}
          <a href="plan.csv" className="btn-secondary px-3 py-1.5" download>
            {t("plan.exportCsv")}
          </a>
          {d.canEdit ? (
            <Link to="import" className="btn-secondary px-3 py-1.5">
              {t("plan.importCsv")}
            </Link>
          ) : null}
        </nav>
        {result?.ok && result.notice && !itemId ? <Notice>{t(result.notice, result.params)}</Notice> : null}
        {topError?.formError ? <FormError messageKey={topError.formError} params={topError.params} /> : null}
        <PlanFiltersForm filters={d.filters} weekStart={d.weekStart} weekEnd={d.weekEnd} />
        <LiveMessage result={inPlace.result} />
        <div {...inPlace.containerProps}>
          <PhaseTasks
            phases={phases}
            filtered={d.filtered}
            staff={d.staff}
            result={result}
            roomPath={`/rooms/${d.roomId}`}
          />
        </div>
      </section>
      <MilestoneList
        milestones={d.milestones}
        canEdit={d.canEdit}
        staff={d.staff}
        timeZone={d.timeZone}
        result={result}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
