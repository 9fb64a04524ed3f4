import { eq } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { workspaceSettings } from "#db/schema";
import { env } from "~/utils/env.server";

/** The settings row's fixed id: there is one workspace per installation. */
export const WORKSPACE_ID = "workspace";

/** The product's own name: what the vendor is called until an admin names the company. */
export const DEFAULT_COMPANY_NAME = "Launchroom";

export type Brand = {
  /** The vendor's company name, shown to customers instead of "the vendor". */
  companyName: string;
  /** Where the vendor's logo is served, or null for none. */
  logoUrl: string | null;
  /** #rrggbb, or null for the product's own colour. */
  brandColor: string | null;
  /** The display name on the From: line of emails. */
  emailSenderName: string;
};

/** The vendor's brand as every page, room and email shows it. */
export function getBrand(): Brand {
  const row = getDb().select().from(workspaceSettings).where(eq(workspaceSettings.id, WORKSPACE_ID)).get();
  const companyName = row?.companyName?.trim() || DEFAULT_COMPANY_NAME;
  return {
    companyName,
    logoUrl: row?.logoFileId ? `/files/${row.logoFileId}` : null,
    brandColor: row?.brandColor ?? null,
    emailSenderName: row?.emailSenderName?.trim() || companyName,
  };
}

/** The brand as emails carry it: the logo as an absolute URL (mail clients have no base URL). */
export function getMailBrand(): { companyName: string; logoUrl: string | null; emailSenderName: string } {
  const brand = getBrand();
  return {
    companyName: brand.companyName,
    logoUrl: brand.logoUrl ? new URL(brand.logoUrl, env().APP_URL).toString() : null,
    emailSenderName: brand.emailSenderName,
  };
}
