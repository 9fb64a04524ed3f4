import { Form, Link, useNavigation } from "@remix-run/react";
import { useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import { FormError, Notice } from "~/components/ui/Field";
import { formatDateTime } from "~/i18n/format";
import { useRootData } from "~/root";
import type { ActionResult } from "~/utils/action-result";

type Rec = {
  id: string;
  requestedAt: string | Date;
  approverName: string | null;
  decision: "approved" | "changes_requested" | null;
  decidedAt: string | Date | null;
  decidedByName: string | null;
  comment: string | null;
};

export type SignOffPanelData = {
  required: boolean;
  history: Rec[];
  pending: Rec | null;
  latest: Rec | null;
  approverName: string | null;
  problem: "noApprover" | "noEmail" | "noAccess" | null;
  canDecide: boolean;
  canRequest: boolean;
  canResend: boolean;
  tasksDone: boolean;
};

/**
 * The customer sign-off (検収) of a milestone: its state for everyone in the room, the A's decision form,
 * and for the CSM what to fix and the "request (again)" button. Comments are shown as plain text.
 */
export function SignOffPanel(props: {
  roomId: string;
  milestoneId: string;
  completed: boolean;
  staff: boolean;
  timeZone: string;
  data: SignOffPanelData;
  result?: ActionResult;
}) {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const busy = useNavigation().state !== "idle";
  const commentId = useId();
  const { data: s, result } = props;
  const when = (d: string | Date | null) => formatDateTime(locale, d, props.timeZone);
  const someone = t("signOff.someone");
  const failed = result && !result.ok ? result : undefined;
  const commentError = failed?.fieldErrors?.comment;
  const latest = s.latest;
  const commentRef = useRef<HTMLTextAreaElement>(null);
  // After a refused decision, the focus goes to the comment that needs fixing.
  useEffect(() => {
    if (commentError) commentRef.current?.focus();
  }, [commentError, result]);
  return (
    <section className="card space-y-3" aria-labelledby="signoff-title" data-testid="sign-off">
      <h3 id="signoff-title" className="text-base font-semibold">
        {t("signOff.title")}
      </h3>
      {result?.ok && result.notice ? <Notice>{t(result.notice, result.params)}</Notice> : null}
      {failed?.formError && !commentError ? (
        <FormError messageKey={failed.formError} params={failed.params} />
      ) : null}

      <p data-testid="sign-off-state" className="text-sm wrap-anywhere">
        {s.pending ? (
          <span className="font-medium text-amber-900">
            {t("signOff.state.waiting", {
              name: s.pending.approverName ?? someone,
              date: when(s.pending.requestedAt),
            })}
          </span>
        ) : latest?.decision === "approved" ? (
          <span className="font-medium text-emerald-800">
            {t("signOff.state.approved", {
              name: latest.decidedByName ?? someone,
              date: when(latest.decidedAt),
            })}
          </span>
        ) : latest?.decision === "changes_requested" ? (
          <span className="font-medium text-red-800">
            {t("signOff.state.changesRequested", {
              name: latest.decidedByName ?? someone,
              date: when(latest.decidedAt),
              reason: latest.comment ?? "",
            })}
          </span>
        ) : props.completed ? (
          <span>{t("signOff.state.completedBefore")}</span>
        ) : (
          <span>{t("signOff.state.notYet", { name: s.approverName ?? t("signOff.theAccountable") })}</span>
        )}
      </p>

      {props.staff && s.problem && !props.completed ? (
        <div className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950" role="note">
          <p className="font-medium">{t(`signOff.problem.${s.problem}`, { name: s.approverName ?? "" })}</p>
          <p className="mt-1">
            {s.problem === "noApprover" ? (
              <Link to={`/rooms/${props.roomId}/raci`} className="text-brand-700 underline">
                {t("signOff.fix.raci")}
              </Link>
            ) : (
              <Link to={`/rooms/${props.roomId}/team`} className="text-brand-700 underline">
                {t("signOff.fix.team")}
              </Link>
            )}
          </p>
        </div>
      ) : null}

      {s.canDecide && s.pending ? (
        <Form method="post" noValidate className="space-y-3 border-t border-slate-100 pt-3">
          <input type="hidden" name="intent" value="decideSignOff" />
          <input type="hidden" name="signOffId" value={s.pending.id} />
          <p className="text-sm text-slate-700">{t("signOff.decideLead")}</p>
          <div>
            <label htmlFor={commentId} className="label">
              {t("signOff.comment")}
            </label>
            <textarea
              id={commentId}
              ref={commentRef}
              name="comment"
              rows={3}
              maxLength={2000}
              defaultValue={failed?.values?.comment ?? ""}
              aria-invalid={commentError ? true : undefined}
              aria-describedby={`${commentId}-hint${commentError ? ` ${commentId}-error` : ""}`}
              className="input"
            />
            <p id={`${commentId}-hint`} className="mt-1 text-xs text-slate-500">
              {t("signOff.commentHint")}
            </p>
            {commentError ? (
              <p id={`${commentId}-error`} className="field-error" role="alert">
                {t(commentError, failed?.params)}
              </p>
            ) : null}
          </div>
          <div className="flex flex-wrap gap-2">
            <button type="submit" name="decision" value="approved" className="btn-primary" disabled={busy}>
              {t("signOff.approve")}
            </button>
            <button
              type="submit"
              name="decision"
              value="changes_requested"
              className="btn-secondary"
              disabled={busy}
            >
              {t("signOff.requestChanges")}
            </button>
          </div>
        </Form>
      ) : null}

      {s.canRequest || s.canResend ? (
        <Form method="post" className="border-t border-slate-100 pt-3">
          <input type="hidden" name="intent" value="requestSignOff" />
          <button type="submit" className="btn-secondary" disabled={busy}>
            {s.canResend ? t("signOff.resend") : t("signOff.requestAgain")}
          </button>
        </Form>
      ) : null}
      {props.staff && s.required && !props.completed && !s.pending && !s.tasksDone ? (
        <p className="text-sm text-slate-600">{t("signOff.afterTasks")}</p>
      ) : null}

      {s.history.length ? (
        <div className="border-t border-slate-100 pt-3">
          <h4 className="text-sm font-semibold">{t("signOff.historyTitle")}</h4>
          <ol className="mt-1 space-y-2 text-sm">
            {s.history.map((r) => (
              <li key={r.id} className="wrap-anywhere">
                <p>
                  {t("signOff.history.requested", {
                    date: when(r.requestedAt),
                    name: r.approverName ?? someone,
                  })}
                </p>
                {r.decision ? (
                  <p className={r.decision === "approved" ? "text-emerald-800" : "text-red-800"}>
                    {t(`signOff.history.${r.decision === "approved" ? "approved" : "changesRequested"}`, {
                      date: when(r.decidedAt),
                      name: r.decidedByName ?? someone,
                    })}
                  </p>
                ) : null}
                {r.comment ? (
                  <blockquote className="mt-1 border-l-2 border-slate-300 pl-2 whitespace-pre-wrap text-slate-700">
                    {r.comment}
                  </blockquote>
                ) : null}
              </li>
            ))}
          </ol>
          <p className="mt-2 text-sm">
            <Link
              to={`/rooms/${props.roomId}/milestones/${props.milestoneId}/acceptance`}
              className="text-brand-700 underline"
            >
              {t("signOff.printLink")}
            </Link>
          </p>
        </div>
      ) : null}
    </section>
  );
}
