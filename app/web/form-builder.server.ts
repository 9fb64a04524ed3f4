import {
  addField,
  FieldMoveSchema,
  FieldRefSchema,
  FieldSchema,
  FieldUpdateSchema,
  FormUpdateSchema,
  moveField,
  removeField,
  updateField,
  updateForm,
  type FormScope,
} from "~/domain/forms/forms.server";
import { on } from "./form-action.server";

/** The builder's forms (settings and fields), for a library form and for a room's own form alike. */
export function formBuilderIntents(scope: FormScope, formId: string) {
  const opts = { invalid: "forms.errors.fix" };
  return {
    updateForm: on(FormUpdateSchema, (i) => updateForm(scope, formId, i), "forms.notice.saved", opts),
    addField: on(FieldSchema, (i) => addField(scope, formId, i), "forms.notice.fieldAdded", opts),
    updateField: on(FieldUpdateSchema, (i) => updateField(scope, formId, i), "forms.notice.fieldSaved", opts),
    removeField: on(FieldRefSchema, (i) => removeField(scope, formId, i), "forms.notice.fieldRemoved", opts),
    moveField: on(FieldMoveSchema, (i) => moveField(scope, formId, i), "forms.notice.fieldMoved", opts),
  };
}
