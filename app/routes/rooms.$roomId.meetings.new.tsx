import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorView } from "~/components/ErrorView";
import { MeetingForm } from "~/components/meetings/MeetingForm";
import { FormError } from "~/components/ui/Field";
import { useFailure } from "~/components/ui/useFailure";
import { scheduleMeeting } from "~/domain/meetings/meetings.server";
import { meetingForms } from "~/domain/meetings/schemas";
import { listTeamForMeetings } from "~/domain/meetings/team.server";
import { answerIntent, on } from "~/web/form-action.server";
import { requireRoomAccess } from "~/web/guards.server";

export const meta: MetaFunction = () => [{ title: "Schedule a meeting · Launchroom" }];

export function loader({ request, params }: LoaderFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "meetings.edit");
  return { team: listTeamForMeetings(access.room.id), timeZone: access.account.timeZone };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "meetings.edit");
  const formData = await request.formData();
  return answerIntent(formData, {
    schedule: on(
      meetingForms.schedule,
      (input) => scheduleMeeting(access, input),
      (id) => ({ redirect: `/rooms/${access.room.id}/meetings/${id}` }),
      { invalid: "meetings.form.invalid" },
    ),
  });
}

export default function NewMeeting() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const failed = useFailure()("schedule");
  const busy = useNavigation().state !== "idle";
  return (
    <section className="card min-w-0 space-y-4" aria-labelledby="new-meeting-title">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="new-meeting-title" className="text-lg font-semibold">
          {t("meetings.scheduleTitle")}
        </h2>
        <Link to=".." relative="path" className="text-sm text-brand-700 underline">
          {t("meetings.back")}
        </Link>
      </div>
      {failed?.formError ? <FormError messageKey={failed.formError} params={failed.params} /> : null}
      <MeetingForm intent="schedule" team={d.team} timeZone={d.timeZone} failed={failed} busy={busy} />
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
