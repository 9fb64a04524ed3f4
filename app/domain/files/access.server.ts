import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "#db/client.server";
import {
  accounts,
  memberships,
  rooms,
  roomTrainingItems,
  trainingModuleVersions,
  users,
  workspaceSettings,
} from "#db/schema";
import type { SessionUser } from "~/access/users";
import type { StoredFile } from "./files.server";
import { attachmentFileTarget, documentFileTarget } from "~/domain/documents/readers.server";
import type { FilePurpose } from "./images";
import { formAnswerRooms } from "~/domain/forms/forms.server";
import { getRoomAccess } from "~/domain/rooms/access.server";

type FileReader = (user: SessionUser | null, file: StoredFile, db: DbOrTx) => boolean;

/**
 * Logos and photos, by where they are used: the workspace logo is public (the sign-in page shows it);
 * account logos and photos are for signed-in users who may see them — staff, and customers for the logos
 * of their own accounts and the photos of people they share a room with (and their own). Anything else,
 * including a file no longer in use, is not found.
 */
function canReadBrandImage(user: SessionUser | null, file: StoredFile, db: DbOrTx = getDb()): boolean {
  const isWorkspaceLogo = db
    .select({ id: workspaceSettings.id })
    .from(workspaceSettings)
    .where(eq(workspaceSettings.logoFileId, file.id))
    .get();
  if (isWorkspaceLogo) return true;
  if (!user) return false;
  const usedByAccounts = db
    .select({ id: accounts.id })
    .from(accounts)
    .where(eq(accounts.logoFileId, file.id))
    .all()
    .map((a) => a.id);
  const usedByUsers = db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.avatarFileId, file.id))
    .all()
    .map((u) => u.id);
  if (usedByAccounts.length === 0 && usedByUsers.length === 0) return false;
  if (user.kind === "staff") return true;
  if (usedByUsers.includes(user.id)) return true;
  const myRooms = db
    .select({
      roomId: rooms.id,
      accountId: rooms.accountId,
      csmId: accounts.csmId,
      ownerId: accounts.ownerId,
    })
    .from(memberships)
    .innerJoin(rooms, eq(rooms.id, memberships.roomId))
    .innerJoin(accounts, eq(accounts.id, rooms.accountId))
    .where(eq(memberships.userId, user.id))
    .all();
  if (myRooms.some((r) => usedByAccounts.includes(r.accountId))) return true;
  if (myRooms.some((r) => usedByUsers.includes(r.csmId) || (r.ownerId && usedByUsers.includes(r.ownerId))))
    return true;
  if (myRooms.length === 0) return false;
  const shared = db
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(
        inArray(memberships.userId, usedByUsers),
        inArray(
          memberships.roomId,
          myRooms.map((r) => r.roomId),
        ),
      ),
    )
    .get();
  if (shared) return true;
  return false;
}

/**
 * A file given as a form's answer: staff who may see its room (room.view as staff — members, the CSM,
 * admins) and the customers of that room; nobody else, and nobody once no answer holds it.
 */
function canReadFormAnswer(user: SessionUser | null, file: StoredFile, db: DbOrTx = getDb()): boolean {
  if (!user) return false;
  return formAnswerRooms(file.id, db).some((roomId) => getRoomAccess(user, roomId) !== null);
}

/**
 * Training videos and files (issue 12): staff, and customers of a room whose curriculum holds a module one
 * of whose versions uses the file. A file of no module is read by nobody.
 */
function canReadTrainingFile(user: SessionUser | null, file: StoredFile, db: DbOrTx = getDb()): boolean {
  if (!user) return false;
  const moduleIds = db
    .select({ moduleId: trainingModuleVersions.moduleId, content: trainingModuleVersions.content })
    .from(trainingModuleVersions)
    .where(
      sql`json_extract(${trainingModuleVersions.content}, '$.fileId') = ${file.id}
      or json_extract(${trainingModuleVersions.content}, '$.source.fileId') = ${file.id}`,
    )
    .all()
    .map((r) => r.moduleId);
  if (moduleIds.length === 0) return false;
  if (user.kind === "staff") return true;
  return !!db
    .select({ id: roomTrainingItems.id })
    .from(roomTrainingItems)
    .innerJoin(memberships, eq(memberships.roomId, roomTrainingItems.roomId))
    .where(and(eq(memberships.userId, user.id), inArray(roomTrainingItems.moduleId, moduleIds)))
    .get();
}

/**
 * Who may read a file follows from what it is for: each purpose has one reader, and the feature that owns
 * the purpose owns its reader. Deny by default: a purpose whose feature has not said otherwise is read by
 * nobody, and so is a file no longer in use.
 */
const FILE_READERS: Record<FilePurpose, FileReader> = {
  "workspace-logo": canReadBrandImage,
  "account-logo": canReadBrandImage,
  avatar: canReadBrandImage,
  // Issue 12: who may see the document, or the task or comment the file is attached to.
  document: (user, file, db) => documentFileTarget(user, file, db) !== null,
  attachment: (user, file, db) => attachmentFileTarget(user, file, db) !== null,
  training: canReadTrainingFile,
  "form-answer": canReadFormAnswer,
};

export function canReadFile(user: SessionUser | null, file: StoredFile, db: DbOrTx = getDb()): boolean {
  const reader = FILE_READERS[file.purpose as FilePurpose] as FileReader | undefined;
  return reader ? reader(user, file, db) : false;
}
