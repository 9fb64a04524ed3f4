import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can, type RoomCapability } from "~/access/capabilities";
import { ErrorView } from "~/components/ErrorView";
import { FileInput, FileTypeBadge, formatSize, InternalBadge } from "~/components/documents/FileBits";
import { FormError, Notice, SelectField, TextField } from "~/components/ui/Field";
import { SubmitButton } from "~/components/ui/SubmitButton";
import {
  addVersion,
  documentAccess,
  documentForms,
  getDocument,
  recordDocumentView,
  removeDocument,
  updateDocument,
} from "~/domain/documents/documents.server";
import { fileFamily } from "~/domain/files/types";
import { seesInternal } from "~/domain/plan/plan.server";
import { formatDateTime } from "~/i18n/format";
import { useRootData } from "~/root";
import type { ActionResult } from "~/utils/action-result";
import { orStatusPage } from "~/utils/http.server";
import { oneUpload, readFileForm } from "~/web/file-forms.server";
import { answerIntent, on } from "~/web/form-action.server";
import { requireRoomAccess } from "~/web/guards.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.doc.title} · Launchroom` : "Launchroom" },
];

export function loader({ request, params }: LoaderFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "documents.view");
  const found = orStatusPage(() => getDocument(access, params.documentId ?? ""));
  recordDocumentView(access, found.doc.id, found.current.versionId);
  return {
    roomId: access.room.id,
    timeZone: access.account.timeZone,
    doc: {
      id: found.doc.id,
      title: found.doc.title,
      folderId: found.doc.folderId,
      visibility: found.doc.visibility,
      version: found.doc.version,
    },
    folder: found.folder ? { id: found.folder.id, name: found.folder.name } : null,
    internal: found.internal,
    current: found.current,
    versions: found.versions,
    folders: found.folders.map((f) => ({ id: f.id, name: f.name, visibility: f.visibility })),
    canUpload: can(access.role, "documents.upload"),
    canManage: can(access.role, "documents.manage"),
    canChooseVisibility: seesInternal(access.role),
    access: can(access.role, "engagement.view") ? documentAccess(access, found.doc.id) : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const guard = (capability: RoomCapability) => () => requireRoomAccess(request, params.roomId, capability);
  const access = guard("documents.view")();
  const documentId = params.documentId ?? "";
  const read = await readFileForm(request, "file");
  if ("answer" in read) return read.answer;
  const { upload } = read;
  const manage = { guard: guard("documents.manage") };
  return answerIntent(upload.form, {
    newVersion: on(
      documentForms.newVersion,
      (input) => addVersion(access, documentId, oneUpload(upload, "file"), input),
      (r) => ({ notice: "documents.notice.versionAdded", params: { number: r.number } }),
      { guard: guard("documents.upload") },
    ),
    update: on(
      documentForms.update,
      (i) => updateDocument(access, documentId, i),
      "documents.notice.updated",
      manage,
    ),
    remove: on(
      documentForms.remove,
      (i) => removeDocument(access, documentId, i),
      () => ({ redirect: `/rooms/${access.room.id}/documents` }),
      manage,
    ),
  });
}

export default function DocumentPage() {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const intent = result?.values?.intent;
  const versionResult = intent === "newVersion" || result?.fieldErrors?.file ? result : undefined;
  const editResult = intent === "update" ? result : undefined;
  const family = fileFamily(d.current.contentType);
  const fileUrl = `/files/${d.current.fileId}`;
  return (
    <div className="space-y-6">
      <nav aria-label={t("documents.breadcrumb")} className="text-sm">
        <Link to={`/rooms/${d.roomId}/documents`} className="text-brand-700 underline">
          {t("documents.back")}
        </Link>
      </nav>
      <article className="card space-y-4" aria-labelledby="document-title">
        <div className="flex flex-wrap items-center gap-2">
          <h2 id="document-title" className="min-w-0 text-xl font-semibold wrap-anywhere">
            {d.doc.title}
          </h2>
          {d.internal ? <InternalBadge /> : null}
        </div>
        {result?.ok && result.notice ? <Notice>{t(result.notice, result.params)}</Notice> : null}
        {result && !result.ok && result.formError ? (
          <FormError messageKey={result.formError} params={result.params} />
        ) : null}
        <dl className="grid gap-3 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-slate-500">{t("documents.type")}</dt>
            <dd>
              <FileTypeBadge contentType={d.current.contentType} />
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("documents.size")}</dt>
            <dd>{formatSize(locale, d.current.byteSize)}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("documents.folder")}</dt>
            <dd className="wrap-anywhere">{d.folder?.name ?? t("documents.topLevel")}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("documents.currentVersion")}</dt>
            <dd>
              {t("documents.versionLabel", { number: d.current.number })} ·{" "}
              {formatDateTime(locale, d.current.uploadedAt, d.timeZone)}
            </dd>
          </div>
        </dl>
        {family === "image" ? (
          <img
            src={`${fileUrl}?preview=1`}
            alt={t("documents.previewAlt", { title: d.doc.title })}
            className="max-h-[32rem] max-w-full rounded-md border border-slate-200"
            data-testid="image-preview"
          />
        ) : family === "video" ? (
          // eslint-disable-next-line jsx-a11y/media-has-caption -- uploaded videos come without captions
          <video
            controls
            preload="metadata"
            src={fileUrl}
            className="max-h-[32rem] w-full rounded-md bg-black"
          />
        ) : null}
        <p>
          <a href={fileUrl} className="btn-primary" download data-testid="document-download">
            {t("documents.downloadFile", { name: d.current.fileName })}
          </a>
        </p>
      </article>

      <section className="card space-y-3" aria-labelledby="versions-title">
        <h2 id="versions-title" className="text-base font-semibold">
          {t("documents.versionsTitle")}
        </h2>
        <ol className="divide-y divide-slate-200" data-testid="version-list">
          {d.versions.map((v) => (
            <li key={v.versionId} className="flex flex-wrap items-center gap-x-4 gap-y-1 py-2 text-sm">
              <span className="font-medium">{t("documents.versionLabel", { number: v.number })}</span>
              <span className="text-slate-600">
                {t("documents.versionMeta", {
                  who: v.uploadedBy ?? t("documents.someone"),
                  when: formatDateTime(locale, v.uploadedAt, d.timeZone),
                  size: formatSize(locale, v.byteSize),
                })}
              </span>
              {v.note ? <span className="min-w-0 whitespace-pre-wrap wrap-anywhere">{v.note}</span> : null}
              <a href={`/files/${v.fileId}`} className="text-brand-700 underline" download>
                {t("documents.download")}
                <span className="sr-only">: {t("documents.versionLabel", { number: v.number })}</span>
              </a>
            </li>
          ))}
        </ol>
        {d.canUpload ? (
          <Form
            method="post"
            encType="multipart/form-data"
            className="space-y-3 border-t border-slate-200 pt-3"
            key={versionResult?.ok ? `v-${d.doc.version}` : "editing"}
          >
            <h3 className="text-sm font-semibold">{t("documents.newVersionTitle")}</h3>
            <input type="hidden" name="intent" value="newVersion" />
            <input type="hidden" name="version" value={d.doc.version} />
            <FileInput
              name="file"
              label={t("documents.file")}
              error={versionResult?.fieldErrors?.file}
              params={versionResult?.params}
              required
            />
            <TextField
              name="note"
              label={t("documents.note")}
              defaultValue={versionResult && !versionResult.ok ? versionResult.values?.note : undefined}
              error={versionResult?.fieldErrors?.note}
            />
            <SubmitButton className="btn-secondary">{t("documents.uploadVersion")}</SubmitButton>
          </Form>
        ) : null}
      </section>

      {d.access ? (
        <section className="card space-y-3" aria-labelledby="access-title" data-testid="document-access">
          <h2 id="access-title" className="text-base font-semibold">
            {t("documents.accessTitle")}
          </h2>
          {d.access.length === 0 ? (
            <p className="text-sm text-slate-600">{t("documents.accessEmpty")}</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <thead>
                  <tr className="border-b border-slate-200 text-slate-600">
                    <th scope="col" className="py-2 pr-3 font-medium">
                      {t("documents.accessPerson")}
                    </th>
                    <th scope="col" className="py-2 pr-3 font-medium">
                      {t("documents.accessViews")}
                    </th>
                    <th scope="col" className="py-2 pr-3 font-medium">
                      {t("documents.accessDownloads")}
                    </th>
                    <th scope="col" className="py-2 font-medium">
                      {t("documents.accessLast")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {d.access.map((a) => (
                    <tr key={a.userId} className="border-b border-slate-100" data-testid="access-row">
                      <td className="py-2 pr-3 wrap-anywhere">
                        {a.name}
                        {a.kind === "customer" ? (
                          <span className="ml-2 text-xs text-slate-500">{t("documents.customerMark")}</span>
                        ) : null}
                      </td>
                      <td className="py-2 pr-3">{a.views}</td>
                      <td className="py-2 pr-3">{a.downloads}</td>
                      <td className="py-2">{formatDateTime(locale, a.lastAt, d.timeZone)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}

      {d.canManage ? (
        <section className="card space-y-3" aria-labelledby="document-edit-title">
          <details open={!!editResult && !editResult.ok}>
            <summary id="document-edit-title" className="cursor-pointer text-base font-semibold">
              {t("documents.editTitle")}
            </summary>
            <Form method="post" className="mt-3 space-y-3" key={`${d.doc.id}-${d.doc.version}`}>
              <input type="hidden" name="intent" value="update" />
              <input type="hidden" name="version" value={d.doc.version} />
              <TextField
                name="title"
                label={t("documents.titleField")}
                defaultValue={editResult && !editResult.ok ? editResult.values?.title : d.doc.title}
                error={editResult?.fieldErrors?.title}
                required
              />
              <SelectField
                name="folderId"
                label={t("documents.folder")}
                placeholder={t("documents.topLevel")}
                defaultValue={d.doc.folderId ?? ""}
                options={d.folders.map((f) => ({
                  value: f.id,
                  label: f.visibility === "internal" ? `${f.name} (${t("documents.internalBadge")})` : f.name,
                }))}
              />
              {d.canChooseVisibility ? (
                <SelectField
                  name="visibility"
                  label={t("documents.visibility")}
                  defaultValue={d.doc.visibility}
                  options={[
                    { value: "shared", label: t("documents.visibilities.shared") },
                    { value: "internal", label: t("documents.visibilities.internal") },
                  ]}
                />
              ) : null}
              <SubmitButton>{t("documents.save")}</SubmitButton>
            </Form>
          </details>
          <Form method="post">
            <input type="hidden" name="intent" value="remove" />
            <input type="hidden" name="version" value={d.doc.version} />
            <SubmitButton className="btn-secondary">{t("documents.remove")}</SubmitButton>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
