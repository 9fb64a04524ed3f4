import { eq } from "drizzle-orm";
import { getDb, writeTransaction } from "#db/client.server";
import { workspaceSettings } from "#db/schema";
import type { StaffUser } from "~/access/users";
import { recordEvent } from "~/domain/events/events.server";
import { storeImageUpload } from "~/domain/files/files.server";
import { DomainError } from "~/utils/errors";
import { passesWhiteText } from "~/utils/contrast";
import { WORKSPACE_ID } from "./brand.server";

export type WorkspaceSettingsInput = {
  companyName: string;
  brandColor: string | null;
  emailSenderName: string | null;
};

/** What the settings form edits: the stored values as they are (empty where the defaults apply). */
export function getWorkspaceSettings() {
  const row = getDb().select().from(workspaceSettings).where(eq(workspaceSettings.id, WORKSPACE_ID)).get();
  return {
    companyName: row?.companyName ?? "",
    brandColor: row?.brandColor ?? null,
    emailSenderName: row?.emailSenderName ?? "",
    logoFileId: row?.logoFileId ?? null,
  };
}

function upsert(values: Partial<typeof workspaceSettings.$inferInsert>, actorId: string, what: string) {
  writeTransaction(getDb(), (tx) => {
    const now = new Date();
    tx.insert(workspaceSettings)
      .values({ id: WORKSPACE_ID, ...values, updatedAt: now })
      .onConflictDoUpdate({ target: workspaceSettings.id, set: { ...values, updatedAt: now } })
      .run();
    recordEvent(tx, {
      actorId,
      type: "workspace.settings_changed",
      subjectType: "workspace",
      subjectId: WORKSPACE_ID,
      data: { what },
    });
  });
}

/** Company name, brand colour and sender name. A colour white text fails AA contrast on is refused. */
export function updateWorkspaceSettings(admin: StaffUser, input: WorkspaceSettingsInput): void {
  if (input.brandColor && !passesWhiteText(input.brandColor))
    throw new DomainError(400, "settings.colorContrast", {}, "brandColor");
  upsert(
    {
      companyName: input.companyName,
      brandColor: input.brandColor?.toLowerCase() ?? null,
      emailSenderName: input.emailSenderName || null,
    },
    admin.id,
    "brand",
  );
}

export async function uploadWorkspaceLogo(
  admin: StaffUser,
  upload: { bytes: Uint8Array; name: string },
): Promise<void> {
  const file = await storeImageUpload({
    bytes: upload.bytes,
    originalName: upload.name,
    purpose: "workspace-logo",
    actorId: admin.id,
  });
  upsert({ logoFileId: file.id }, admin.id, "logo");
}

export function removeWorkspaceLogo(admin: StaffUser): void {
  upsert({ logoFileId: null }, admin.id, "logoRemoved");
}
