import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can, type RoomCapability } from "~/access/capabilities";
import { ErrorView } from "~/components/ErrorView";
import { FileInput, FileTypeBadge, formatSize, InternalBadge } from "~/components/documents/FileBits";
import { FormError, Notice, SelectField, TextField } from "~/components/ui/Field";
import { SubmitButton } from "~/components/ui/SubmitButton";
import {
  createFolder,
  documentForms,
  listDocuments,
  removeFolder,
  renameFolder,
  uploadDocument,
  type DocumentListItem,
} from "~/domain/documents/documents.server";
import { seesInternal } from "~/domain/plan/plan.server";
import { formatDateTime } from "~/i18n/format";
import { useRootData } from "~/root";
import type { ActionResult } from "~/utils/action-result";
import { oneUpload, readFileForm } from "~/web/file-forms.server";
import { answerIntent, on } from "~/web/form-action.server";
import { requireRoomAccess } from "~/web/guards.server";

export const meta: MetaFunction = () => [{ title: "資料 / Documents · Launchroom" }];

export function loader({ request, params }: LoaderFunctionArgs) {
  const access = requireRoomAccess(request, params.roomId, "documents.view");
  const { folders, documents } = listDocuments(access);
  return {
    roomId: access.room.id,
    timeZone: access.account.timeZone,
    folders: folders.map((f) => ({ id: f.id, name: f.name, visibility: f.visibility, version: f.version })),
    documents,
    canUpload: can(access.role, "documents.upload"),
    canManage: can(access.role, "documents.manage"),
    canChooseVisibility: seesInternal(access.role),
    canSeeAccess: can(access.role, "engagement.view"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const guard = (capability: RoomCapability) => () => requireRoomAccess(request, params.roomId, capability);
  const access = guard("documents.view")();
  const read = await readFileForm(request, "file");
  if ("answer" in read) return read.answer;
  const { upload } = read;
  const manage = { guard: guard("documents.manage") };
  return answerIntent(upload.form, {
    upload: on(
      documentForms.upload,
      (input) => uploadDocument(access, oneUpload(upload, "file"), input),
      (doc) => ({ notice: "documents.notice.uploaded", params: { title: doc.title } }),
      { guard: guard("documents.upload") },
    ),
    createFolder: on(
      documentForms.createFolder,
      (i) => createFolder(access, i),
      "documents.notice.folderCreated",
      manage,
    ),
    renameFolder: on(
      documentForms.renameFolder,
      (i) => renameFolder(access, i),
      "documents.notice.folderRenamed",
      manage,
    ),
    removeFolder: on(
      documentForms.removeFolder,
      (i) => removeFolder(access, i),
      (r) => ({ notice: "documents.notice.folderRemoved", params: { name: r.name } }),
      manage,
    ),
  });
}

export default function DocumentsPage() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const intent = result?.values?.intent;
  const uploadResult = intent === "upload" || result?.fieldErrors?.file ? result : undefined;
  const topLevel = d.documents.filter((doc) => !doc.folderId);
  return (
    <div className="space-y-6">
      <section className="card space-y-4" aria-labelledby="documents-title">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <h2 id="documents-title" className="text-lg font-semibold">
              {t("documents.title")}
            </h2>
            <p className="mt-1 text-sm text-slate-600">{t("documents.intro")}</p>
          </div>
          {d.canSeeAccess ? (
            <a
              href={`/rooms/${d.roomId}/documents.csv`}
              className="text-sm text-brand-700 underline"
              download
              data-testid="documents-csv-link"
            >
              {t("documents.csvLink")}
            </a>
          ) : null}
        </div>
        {result?.ok && result.notice ? <Notice>{t(result.notice, result.params)}</Notice> : null}
        {result && !result.ok && result.formError ? (
          <FormError messageKey={result.formError} params={result.params} />
        ) : null}
        {d.documents.length === 0 && d.folders.length === 0 ? (
          <p
            className="rounded-md bg-slate-50 px-4 py-6 text-center text-sm text-slate-600"
            data-testid="documents-empty"
          >
            {d.canUpload ? t("documents.emptyCanUpload") : t("documents.empty")}
          </p>
        ) : (
          <div className="space-y-5">
            {topLevel.length ? (
              <DocumentTable roomId={d.roomId} docs={topLevel} timeZone={d.timeZone} />
            ) : null}
            {d.folders.map((folder) => {
              const docs = d.documents.filter((doc) => doc.folderId === folder.id);
              return (
                <section
                  key={folder.id}
                  aria-labelledby={`folder-${folder.id}`}
                  className="space-y-2"
                  data-testid="folder"
                >
                  <h3
                    id={`folder-${folder.id}`}
                    className="flex flex-wrap items-center gap-2 text-base font-semibold"
                  >
                    {/* Drawn, not an emoji: machines without an emoji font show a box. */}
                    <svg
                      viewBox="0 0 20 20"
                      className="h-4 w-4 shrink-0 fill-current text-slate-500"
                      aria-hidden="true"
                    >
                      <path d="M2 5a2 2 0 0 1 2-2h4l2 2h6a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V5z" />
                    </svg>
                    <span className="wrap-anywhere">{folder.name}</span>
                    {folder.visibility === "internal" ? <InternalBadge /> : null}
                  </h3>
                  {docs.length ? (
                    <DocumentTable roomId={d.roomId} docs={docs} timeZone={d.timeZone} />
                  ) : (
                    <p className="text-sm text-slate-500">{t("documents.folderEmpty")}</p>
                  )}
                  {d.canManage ? <FolderEditor folder={folder} result={result} /> : null}
                </section>
              );
            })}
          </div>
        )}
      </section>

      {d.canUpload ? (
        <section className="card space-y-3" aria-labelledby="upload-title">
          <h2 id="upload-title" className="text-base font-semibold">
            {t("documents.uploadTitle")}
          </h2>
          <Form
            method="post"
            encType="multipart/form-data"
            className="space-y-3"
            key={uploadResult?.ok ? `done-${d.documents.length}` : "editing"}
            data-testid="upload-form"
          >
            <input type="hidden" name="intent" value="upload" />
            <FileInput
              name="file"
              label={t("documents.file")}
              error={uploadResult?.fieldErrors?.file}
              params={uploadResult?.params}
              required
            />
            <TextField
              name="title"
              label={t("documents.titleField")}
              hint={t("documents.titleHint")}
              defaultValue={uploadResult && !uploadResult.ok ? uploadResult.values?.title : undefined}
              error={uploadResult?.fieldErrors?.title}
            />
            <SelectField
              name="folderId"
              label={t("documents.folder")}
              placeholder={t("documents.topLevel")}
              defaultValue={uploadResult?.values?.folderId ?? ""}
              options={d.folders.map((f) => ({
                value: f.id,
                label: f.visibility === "internal" ? `${f.name} (${t("documents.internalBadge")})` : f.name,
              }))}
              error={uploadResult?.fieldErrors?.folderId}
            />
            {d.canChooseVisibility ? (
              <SelectField
                name="visibility"
                label={t("documents.visibility")}
                defaultValue={uploadResult?.values?.visibility ?? "shared"}
                options={[
                  { value: "shared", label: t("documents.visibilities.shared") },
                  { value: "internal", label: t("documents.visibilities.internal") },
                ]}
              />
            ) : null}
            <TextField
              name="note"
              label={t("documents.note")}
              defaultValue={uploadResult && !uploadResult.ok ? uploadResult.values?.note : undefined}
              error={uploadResult?.fieldErrors?.note}
            />
            <SubmitButton>{t("documents.uploadButton")}</SubmitButton>
          </Form>
        </section>
      ) : null}

      {d.canManage ? (
        <section className="card space-y-3" aria-labelledby="folder-new-title">
          <h2 id="folder-new-title" className="text-base font-semibold">
            {t("documents.newFolder")}
          </h2>
          <Form
            method="post"
            className="grid gap-3 sm:grid-cols-[1fr_auto_auto] sm:items-end"
            key={intent === "createFolder" && result?.ok ? `f-${d.folders.length}` : "f"}
          >
            <input type="hidden" name="intent" value="createFolder" />
            <TextField
              name="name"
              label={t("documents.folderName")}
              defaultValue={intent === "createFolder" && !result?.ok ? result?.values?.name : undefined}
              error={intent === "createFolder" ? result?.fieldErrors?.name : undefined}
              required
            />
            <SelectField
              name="visibility"
              label={t("documents.visibility")}
              defaultValue="shared"
              options={[
                { value: "shared", label: t("documents.visibilities.shared") },
                { value: "internal", label: t("documents.visibilities.internal") },
              ]}
            />
            <SubmitButton className="btn-secondary">{t("documents.createFolder")}</SubmitButton>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

function DocumentTable({
  roomId,
  docs,
  timeZone,
}: {
  roomId: string;
  docs: DocumentListItem[];
  timeZone: string;
}) {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? "en";
  return (
    <ul className="divide-y divide-slate-200 rounded-md border border-slate-200" data-testid="document-list">
      {docs.map((doc) => (
        <li
          key={doc.id}
          className="flex flex-wrap items-center gap-x-4 gap-y-1 px-3 py-2"
          data-testid="document-row"
        >
          <FileTypeBadge contentType={doc.contentType} />
          <div className="min-w-0 flex-1">
            <Link
              to={`/rooms/${roomId}/documents/${doc.id}`}
              className="font-medium text-brand-700 underline wrap-anywhere"
            >
              {doc.title}
            </Link>{" "}
            {doc.internal ? <InternalBadge /> : null}
            <p className="text-xs text-slate-500 wrap-anywhere">
              {t("documents.rowMeta", {
                size: formatSize(locale, doc.byteSize),
                number: doc.number,
                who: doc.uploadedBy ?? t("documents.someone"),
                when: formatDateTime(locale, doc.uploadedAt, timeZone),
              })}
            </p>
          </div>
          <a
            href={`/files/${doc.fileId}`}
            className="btn-secondary text-sm"
            download
            data-testid="download-link"
          >
            {t("documents.download")}
            <span className="sr-only">: {doc.title}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

function FolderEditor({
  folder,
  result,
}: {
  folder: { id: string; name: string; visibility: "shared" | "internal"; version: number };
  result?: ActionResult;
}) {
  const { t } = useTranslation();
  const mine = result?.values?.folderId === folder.id && !result.ok ? result : undefined;
  return (
    <details open={!!mine} className="text-sm">
      <summary className="cursor-pointer text-brand-700">
        {t("documents.editFolder", { name: folder.name })}
      </summary>
      <div className="mt-2 flex flex-wrap items-end gap-3">
        <Form method="post" className="flex flex-wrap items-end gap-3" key={`${folder.id}-${folder.version}`}>
          <input type="hidden" name="intent" value="renameFolder" />
          <input type="hidden" name="folderId" value={folder.id} />
          <input type="hidden" name="version" value={folder.version} />
          <TextField
            name="name"
            label={t("documents.folderName")}
            defaultValue={mine?.values?.name ?? folder.name}
            error={mine?.fieldErrors?.name}
            required
          />
          <SelectField
            name="visibility"
            label={t("documents.visibility")}
            defaultValue={folder.visibility}
            options={[
              { value: "shared", label: t("documents.visibilities.shared") },
              { value: "internal", label: t("documents.visibilities.internal") },
            ]}
          />
          <SubmitButton className="btn-secondary">{t("documents.saveFolder")}</SubmitButton>
        </Form>
        <Form method="post">
          <input type="hidden" name="intent" value="removeFolder" />
          <input type="hidden" name="folderId" value={folder.id} />
          <input type="hidden" name="version" value={folder.version} />
          <SubmitButton className="btn-secondary">{t("documents.removeFolder")}</SubmitButton>
        </Form>
      </div>
      <p className="mt-1 text-xs text-slate-500">{t("documents.removeFolderHint")}</p>
    </details>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
