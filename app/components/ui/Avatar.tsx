import { organizationInitials, personInitials } from "~/utils/initials";

const SIZES = {
  sm: "h-8 w-8 text-xs",
  md: "h-10 w-10 text-sm",
  lg: "h-14 w-14 text-lg",
} as const;
type Size = keyof typeof SIZES;

/**
 * A person's photo, or their initials on a tinted disc. Decorative: the name is always written next
 * to it, so the image has an empty alt and the initials are hidden from screen readers.
 */
export function PersonAvatar({
  name,
  photoUrl,
  size = "md",
}: {
  name: string;
  photoUrl?: string | null;
  size?: Size;
}) {
  const box = `${SIZES[size]} shrink-0 rounded-full`;
  if (photoUrl) return <img src={photoUrl} alt="" className={`${box} object-cover`} />;
  return (
    <span
      aria-hidden="true"
      className={`${box} flex items-center justify-center bg-slate-200 font-semibold text-slate-700`}
    >
      {personInitials(name)}
    </span>
  );
}

/** A company's logo, or its initials without legal forms (株式会社, Inc., …). */
export function OrgLogo({
  name,
  logoUrl,
  size = "lg",
  alt,
}: {
  name: string;
  logoUrl?: string | null;
  size?: Size;
  /** Text for the logo image when it is the only place the name appears. */
  alt?: string;
}) {
  const box = `${SIZES[size]} shrink-0 rounded`;
  if (logoUrl) return <img src={logoUrl} alt={alt ?? ""} className={`${box} object-contain`} />;
  return (
    <span
      aria-hidden="true"
      className={`${box} flex items-center justify-center bg-brand-100 font-semibold text-brand-800`}
    >
      {organizationInitials(name)}
    </span>
  );
}
