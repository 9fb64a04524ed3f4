/**
 * Copying forms: a library form into a room, and a template's task forms into a room's new plan (called
 * by createPlanFromTemplate inside its transaction; kept apart from forms.server.ts, which uses the plan).
 */
import { asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx, Tx } from "#db/client.server";
import { formAttachments, formFields, forms } from "#db/schema";
import { DomainError } from "~/utils/errors";

export function loadFormWithFields(db: DbOrTx, formId: string) {
  const form = db.select().from(forms).where(eq(forms.id, formId)).get();
  if (!form) return null;
  const fieldRows = db
    .select()
    .from(formFields)
    .where(eq(formFields.formId, formId))
    .orderBy(asc(formFields.position))
    .all();
  return { form, fields: fieldRows };
}

/** Copies a form and its fields (into a room, or as a new library form when roomId is null). */
export function copyForm(tx: Tx, formId: string, roomId: string | null, actorId: string | null): string {
  const source = loadFormWithFields(tx, formId);
  if (!source) throw new DomainError(404, "errors.notFound");
  const { id } = tx
    .insert(forms)
    .values({
      roomId,
      sourceFormId: source.form.roomId ? source.form.sourceFormId : source.form.id,
      title: source.form.title,
      description: source.form.description,
      language: source.form.language,
      createdById: actorId,
    })
    .returning({ id: forms.id })
    .get();
  for (const f of source.fields)
    tx.insert(formFields)
      .values({
        formId: id,
        position: f.position,
        kind: f.kind,
        label: f.label,
        help: f.help,
        required: f.required,
        options: f.options,
      })
      .run();
  return id;
}

/**
 * When a room's plan is made from a template: each template task's form is copied into the room and
 * attached to the task made from it (called inside createPlanFromTemplate's transaction).
 */
export function copyTemplateForms(
  tx: Tx,
  input: { roomId: string; taskIds: Map<string, string>; actorId: string | null },
) {
  const ids = [...input.taskIds.keys()];
  if (!ids.length) return;
  const attached = tx
    .select()
    .from(formAttachments)
    .where(inArray(formAttachments.templateTaskId, ids))
    .all();
  for (const a of attached) {
    const taskId = input.taskIds.get(a.templateTaskId!);
    if (!taskId) continue;
    const formId = copyForm(tx, a.formId, input.roomId, input.actorId);
    tx.insert(formAttachments).values({ formId, taskId, completesTask: a.completesTask }).run();
  }
}

/**
 * issue 12: forms extras — a duplicated template keeps its tasks' forms: `taskIds` maps each source
 * template task to its copy (the library form is linked again, not copied; templates link library forms).
 */
export function copyTemplateTaskForms(tx: Tx, taskIds: Map<string, string>) {
  const ids = [...taskIds.keys()];
  if (!ids.length) return;
  for (const a of tx
    .select()
    .from(formAttachments)
    .where(inArray(formAttachments.templateTaskId, ids))
    .all()) {
    const copy = taskIds.get(a.templateTaskId!);
    if (copy)
      tx.insert(formAttachments)
        .values({ formId: a.formId, templateTaskId: copy, completesTask: a.completesTask })
        .run();
  }
}
