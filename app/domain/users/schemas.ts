import { z } from "zod";
import { STAFF_ROLES } from "~/vocabulary";
import { fields } from "~/utils/forms";

export const PASSWORD_MIN = 12;

export const StaffUserSchema = z.object({
  name: fields.requiredText(100),
  email: fields.email(),
  staffRole: fields.enumOf(STAFF_ROLES),
  password: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .min(PASSWORD_MIN, { message: "validation.passwordLength" })
      .max(200, { message: "validation.tooLong" })
      .optional(),
  ),
});

export const SignInSchema = z.object({
  email: fields.email(),
  password: z.string({ error: "validation.required" }).min(1, { message: "validation.required" }).max(200),
});

export const MagicLinkRequestSchema = z.object({ email: fields.email() });
