import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorView } from "~/components/ErrorView";
import { FormBuilder } from "~/components/forms/FormBuilder";
import { getRoomForm } from "~/domain/forms/forms.server";
import { orStatusPage } from "~/utils/http.server";
import { answerIntent } from "~/web/form-action.server";
import { formBuilderIntents } from "~/web/form-builder.server";
import { requireRoomAccess } from "~/web/guards.server";

/**
 * issue 12: forms extras — the builder for a form of one room (made for a task there, or a library form's
 * copy tailored for it): staff who run the room, until the customer starts answering.
 */
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.form.title} · Launchroom` : "Launchroom" },
];

export function loader({ request, params }: LoaderFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "forms.manage");
  return { roomId: access.room.id, ...orStatusPage(() => getRoomForm(access, params.formId ?? "")) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "forms.manage");
  const formData = await request.formData();
  return answerIntent(formData, formBuilderIntents({ kind: "room", ctx: access }, params.formId ?? ""));
}

export default function RoomFormBuilder() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const formPage = d.taskId ? `/rooms/${d.roomId}/tasks/${d.taskId}/form` : `/rooms/${d.roomId}/plan`;
  return (
    <FormBuilder
      form={d.form}
      fields={d.fields}
      back={{ to: formPage, label: t("formsMore.room.back") }}
      headingLevel={2}
      locked={d.answered}
      lead={
        <p className="text-sm text-slate-600" role={d.answered ? "note" : undefined}>
          {d.answered
            ? t("formsMore.room.answeredLead")
            : t("formsMore.room.lead", { task: d.taskTitle ?? "—" })}
        </p>
      }
    />
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
