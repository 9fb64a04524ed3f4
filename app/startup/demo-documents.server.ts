/**
 * The demo's documents (資料): per room a shared folder with a PDF and a diagram (PNG), an internal
 * folder with a vendor-only note, and one document with two versions. The bytes are real files put
 * through the blob store, recorded with the same domain commands as an upload.
 */
import type { users } from "#db/schema";
import { addVersion, createFolder, uploadDocument } from "~/domain/documents/documents.server";
import type { CheckedUpload } from "~/domain/files/files.server";
import { blobStore, sha256Hex } from "~/domain/files/store.server";
import type { FileType } from "~/domain/files/types";
import { getRoomAccess } from "~/domain/rooms/access.server";

/** A 240×140 diagram, PNG. */
const DIAGRAM_PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAPAAAACMCAMAAAB1a9QaAAABF1BMVEUfX7/c4O6cpbXg5fIzQVWKlKSXn7D1ngsWo0ru8v81QlZeanypscBrdog2RFg1Q1djboA/smz0rjlGe8sgplPo7/r0ohYpZsLo7v3u7/jY4viS0bKWtOTv6eXxz5jX6ezIztyhqbne4vBFtHLp8PtMf83zsEHp7v3u8PnzsD9FesuQ0LGUs+NLf82R0bIoZcJKfs2VtOTxz5dDs3AfplJEtHE+smv0rjjxzpbzsEDNixr0oRbP1ePklhIip1RNgM0qZ8PzsUL1ohhGtXIwRmYjWakhXLbP1OI2QlQZmks1QVTR1uQyQ1UuSG1gV0QuUVRTUUlTUEkrX1Ihf04cj0ygdSsYnErilRIhXLRtXT8oUpGufCbnlxDb7V5gAAAACXBIWXMAAAsTAAALEwEAmpwYAAAChUlEQVR42u3cV1PbQBSG4ZOERN40wGBjYWOawU7oBEIL6Z2S3vP/f0eAGbhg7Iy02jp+vzv7wruPZK9WOmcsqs8igAEDBgwYMGDAgAEDBgwYMGDAgAEDBgwYMGDAgAEDzgWuLS6tSM6sLK3VbEyxsrC5UcqZjc3lSh7w+H3Rysi4ee/kw5JWhiezg2ua3hOx8XNc0fSeiCuZwYuinYZp8EJJO/XM4FV98Jxp8AN98Gxm8Jg+eMw0eFQfPJoZLAViGlwqEMCAAQMGDBgwYMCAYwLfMJzgwQOGAzg08HXDYdECDBgwYMCAAQMGDDhgcIFi2tOAimmPKZf2Aq8FVBBfdlEQr41otzy0jbc8DGu3PLRyNLX8T/zqtdumlt7id18NNbUo1W7M9Vy5Xg4c/f7Zrfj/pNFWFtKqz3Zbub5/+Xz4oWfx/0W9pQw1pr05fdJ089bVK8pjrt2+c/d0Ho+U/U68qaHBs6drg0PTM360M9MXU5hy0np4fni9nOeig4ufYZW3YcXn4D4GFP9TcDuUhDIRV4NIWNOx//ES4qRsfrCEOzU7h1FCPR22vjQS5A/O4rIg4S0ydhdBCewyYv0yJyFdOl1c1CWYzZGjbZuEsSF0t0mVALb8Tm9DxPsNu+MHCuL9kcyB29tqq+B0e2cvOc/fP7/efky65NP7428/Ll7t7aynsYInti7R9ne7gXf3L71RnogTnG4lmimnUYK3E+00owTf0wfPRwmu6oOrUYKTAgEMGDBgwIABAwYMGDBgwIABAwYMGDBgwIABAwbcX+ACxbTnlEtjAK/3W0E8LWu3PHQibWrRFMfa1KJUpzmfe+WqPmt2FH+KDxgwYMCAAQMGHGH+AYhMPL6iI15CAAAAAElFTkSuQmCC";

function pdf(title: string): Buffer {
  // A minimal valid one-page PDF with the title as its text (ASCII only: the demo's own bytes).
  const text = title.replace(/[^\x20-\x7e]/g, "?").replace(/[()\\]/g, "");
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    "<</Type/Catalog/Pages 2 0 R>>",
    "<</Type/Pages/Kids[3 0 R]/Count 1>>",
    "<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
    `<</Length ${stream.length}>>stream\n${stream}\nendstream`,
    "<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj${o}endobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) body += `${String(o).padStart(10, "0")} 00000 n \n`;
  body += `trailer<</Size ${objects.length + 1}/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/** Demo bytes we made ourselves, stored as an upload would store them. */
function demoUpload(bytes: Uint8Array, contentType: FileType, originalName: string): CheckedUpload {
  const sha256 = sha256Hex(bytes);
  blobStore().put(sha256, bytes);
  return { sha256, byteSize: bytes.byteLength, contentType, originalName };
}

export function seedDemoDocuments(plans: { roomId: string; csm: typeof users.$inferSelect }[]): void {
  for (const [index, plan] of plans.entries()) {
    const access = getRoomAccess(plan.csm, plan.roomId);
    if (!access) continue;
    const ctx = { ...access, user: plan.csm };
    const ja = index === 0;
    const shared = createFolder(ctx, { name: ja ? "契約・発注" : "Contracts", visibility: "shared" });
    const internal = createFolder(ctx, { name: ja ? "社内メモ" : "Vendor notes", visibility: "internal" });
    const order = uploadDocument(
      ctx,
      demoUpload(pdf("Order form v1"), "application/pdf", ja ? "発注書.pdf" : "order-form.pdf"),
      { title: ja ? "発注書" : "Order form", folderId: shared.id, note: undefined, visibility: "shared" },
    );
    addVersion(
      ctx,
      order.id,
      demoUpload(
        pdf("Order form v2 (countersigned)"),
        "application/pdf",
        ja ? "発注書_署名済.pdf" : "order-form-signed.pdf",
      ),
      { note: ja ? "署名済みの版" : "Countersigned", version: 1 },
    );
    uploadDocument(ctx, demoUpload(Buffer.from(DIAGRAM_PNG, "base64"), "image/png", "system-diagram.png"), {
      title: ja ? "システム構成図" : "System diagram",
      folderId: undefined,
      note: undefined,
      visibility: "shared",
    });
    uploadDocument(
      ctx,
      demoUpload(
        Buffer.from(
          ja ? "値引きは 10% まで。更新時に再交渉。\n" : "Discount up to 10%. Renegotiate at renewal.\n",
        ),
        "text/plain",
        ja ? "価格メモ.txt" : "pricing-notes.txt",
      ),
      {
        title: ja ? "価格メモ" : "Pricing notes",
        folderId: internal.id,
        note: undefined,
        visibility: "internal",
      },
    );
  }
}
