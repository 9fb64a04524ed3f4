import { z } from "zod";
import { ROOM_ROLES } from "~/vocabulary";
import { fields } from "~/utils/forms";

export const InviteSchema = z.object({
  email: fields.email(),
  role: fields.enumOf(ROOM_ROLES),
  /** Staff confirmation that an address outside the account's domains is intended. */
  domainException: fields.checkbox(),
});

export const AcceptInvitationSchema = z.object({
  token: z.string().min(1).max(100),
  name: fields.optionalText(100),
});
