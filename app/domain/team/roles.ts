import { TEAM_ROLES, type TeamRole } from "~/vocabulary";

/** Role names older templates used that now have a team role of their own. */
const LEGACY_ROLES: Record<string, TeamRole> = { customer_admin: "project_lead" };

/**
 * The team role a stored or imported value stands for: one of TEAM_ROLES (any case), a legacy name
 * ("customer_admin" → project lead), or null when it names none. Pure: used by the browser too.
 */
export function toTeamRole(value: string | null | undefined): TeamRole | null {
  const v = value?.trim().toLowerCase();
  if (!v) return null;
  if ((TEAM_ROLES as readonly string[]).includes(v)) return v as TeamRole;
  return LEGACY_ROLES[v] ?? null;
}
