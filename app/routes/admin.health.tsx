import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/web/guards.server";
import { ErrorView } from "~/components/ErrorView";
import { FormError, Notice } from "~/components/ui/Field";
import { getHealthConfig } from "~/domain/health/config.server";
import { MEASURE_KEYS } from "~/domain/health/model";
import { HealthConfigSchema } from "~/domain/health/schemas";
import {
  applyConfig,
  configFields,
  previewConfig,
  type ConfigInput,
  type PreviewResult,
} from "~/domain/health/settings.server";
import { formValues } from "~/utils/action-result";
import type { FieldErrors } from "~/utils/forms";
import { pageTitle } from "~/i18n/page-title.server";
import { pageTitleMeta } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = pageTitleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = requireStaff(request, "health.configure");
  const config = getHealthConfig();
  return {
    version: config.version,
    fields: configFields(config),
    pageTitle: await pageTitle(request, actor, "health.settings.title"),
  };
}

function parseAnchors(text: string): [number, number][] | null {
  const pairs = text
    .split(/[,、\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const anchors: [number, number][] = [];
  for (const pair of pairs) {
    const m = /^(-?\d+(?:\.\d+)?)\s*[:：]\s*(-?\d+(?:\.\d+)?)$/.exec(pair);
    if (!m) return null;
    anchors.push([Number(m[1]), Number(m[2])]);
  }
  return anchors;
}

/**
 * Builds and validates a configuration from the settings form (one field per path of the model in force);
 * field errors are keyed by dotted path.
 */
function parseConfigForm(
  formData: FormData,
): { ok: true; config: ConfigInput } | { ok: false; fieldErrors: FieldErrors } {
  const fieldErrors: FieldErrors = {};
  const candidate: Record<string, unknown> = {};
  for (const [path] of configFields(getHealthConfig())) {
    const raw = String(formData.get(path) ?? "").trim();
    let value: unknown;
    if (path.endsWith(".anchors")) {
      value = parseAnchors(raw);
      if (!value) fieldErrors[path] = "health.settings.errors.anchorsFormat";
    } else {
      value = raw === "" ? NaN : Number(raw);
      if (!Number.isFinite(value)) fieldErrors[path] = "health.settings.errors.number";
    }
    setPath(candidate, path, value);
  }
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  const parsed = HealthConfigSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, config: parsed.data };
  for (const issue of parsed.error.issues) {
    // Anchor problems belong to the anchors field, whichever pair is wrong.
    const anchorsAt = issue.path.indexOf("anchors");
    const path = (anchorsAt >= 0 ? issue.path.slice(0, anchorsAt + 1) : issue.path).join(".");
    fieldErrors[path || "form"] ??= issue.message.startsWith("health.")
      ? issue.message
      : "health.settings.errors.range";
  }
  return { ok: false, fieldErrors };
}

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const parts = path.split(".");
  let node = target;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts[parts.length - 1]] = value;
}

type SettingsResult =
  | { ok: true; saved?: number; preview?: PreviewResult; values: Record<string, string> }
  | { ok: false; fieldErrors: FieldErrors; values: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const actor = requireStaff(request, "health.configure");
  const formData = await request.formData();
  const values = formValues(formData);
  const parsed = parseConfigForm(formData);
  if (!parsed.ok) return data<SettingsResult>({ ok: false, fieldErrors: parsed.fieldErrors, values }, 400);
  if (formData.get("intent") === "save") {
    const saved = applyConfig(actor.id, parsed.config);
    return data<SettingsResult>({ ok: true, saved: saved.version, values: {} });
  }
  return data<SettingsResult>({ ok: true, preview: previewConfig(parsed.config), values });
}

/** Groups of fields by their first path segment (or, for measures and alerts, the first two). */
function groupFields(fields: [string, string][]) {
  const groups = new Map<string, [string, string][]>();
  for (const field of fields) {
    const parts = field[0].split(".");
    // measures.<key>.* and alerts.<rule>.* form one group each; alerts.renotifyDays joins "alerts".
    const group = parts.length === 1 ? "general" : parts.length > 2 ? parts.slice(0, 2).join(".") : parts[0];
    groups.set(group, [...(groups.get(group) ?? []), field]);
  }
  return [...groups];
}

export default function HealthSettings() {
  const { t } = useTranslation();
  const { version, fields } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = result && !result.ok ? result.fieldErrors : {};
  const value = (path: string, fallback: string) =>
    result && !(result.ok && result.saved) && result.values[path] !== undefined
      ? result.values[path]
      : fallback;
  const label = (path: string) => {
    const parts = path.split(".");
    return t(`health.settings.fields.${parts[parts.length - 1]}`);
  };
  const groupTitle = (group: string) => {
    const [head, sub] = group.split(".");
    if (head === "measures") return t(`health.measures.${sub}`);
    if (head === "alerts" && sub) return t(`alerts.ruleNames.${sub}`);
    return t(`health.settings.groups.${head}`);
  };
  const preview = result?.ok ? result.preview : undefined;
  const errorCount = Object.keys(errors).length;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("health.settings.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("health.settings.intro", { version })}</p>
      </div>
      <p className="text-sm text-slate-600">
        {t("health.settings.anchorsHelp", { count: MEASURE_KEYS.length })}
      </p>
      <Form method="post" className="space-y-6" noValidate>
        {groupFields(fields).map(([group, items]) => (
          <fieldset key={group} className="card space-y-3">
            <legend className="px-1 font-semibold">{groupTitle(group)}</legend>
            {group.startsWith("measures.") ? (
              <p className="text-xs text-slate-500">{t(`health.settings.rawHint.${group.split(".")[1]}`)}</p>
            ) : null}
            <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
              {items.map(([path, current]) => {
                const id = `f-${path.replace(/\./g, "-")}`;
                const error = errors[path];
                return (
                  <div key={path} className={path.endsWith(".anchors") ? "sm:col-span-2" : ""}>
                    <label htmlFor={id} className="label">
                      {label(path)}
                    </label>
                    <input
                      id={id}
                      name={path}
                      defaultValue={value(path, current)}
                      inputMode={path.endsWith(".anchors") ? undefined : "decimal"}
                      className="input"
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `${id}-error` : undefined}
                    />
                    {error ? (
                      <p id={`${id}-error`} className="field-error" role="alert">
                        {t(error)}
                      </p>
                    ) : null}
                  </div>
                );
              })}
            </div>
          </fieldset>
        ))}
        {result?.ok && result.saved ? (
          <Notice>{t("health.settings.saved", { version: result.saved })}</Notice>
        ) : null}
        {errorCount ? (
          <FormError messageKey="health.settings.errors.summary" params={{ count: errorCount }} />
        ) : null}
        {preview ? (
          <section className="card space-y-2" aria-live="polite" data-testid="health-preview">
            <h2 className="font-semibold">{t("health.settings.previewTitle")}</h2>
            <p className="text-sm">
              {t("health.settings.previewSummary", { changed: preview.changed, rooms: preview.rooms })}
            </p>
            {preview.moves.length ? (
              <ul className="list-disc pl-5 text-sm">
                {preview.moves.map((m) => (
                  <li key={`${m.from}-${m.to}`}>
                    {t("health.settings.previewMove", {
                      count: m.count,
                      from: t(`health.bands.${m.from}`),
                      to: t(`health.bands.${m.to}`),
                    })}
                  </li>
                ))}
              </ul>
            ) : null}
            <p className="text-sm text-slate-600">{t("health.settings.previewNext")}</p>
          </section>
        ) : null}
        <div className="flex flex-wrap gap-3">
          <button type="submit" name="intent" value="preview" className="btn-secondary" disabled={busy}>
            {t("health.settings.preview")}
          </button>
          <button type="submit" name="intent" value="save" className="btn-primary" disabled={busy}>
            {t("health.settings.save")}
          </button>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
