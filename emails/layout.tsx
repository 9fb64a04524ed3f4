import { Body, Container, Hr, Html, Img, Link, Preview, Section, Text } from "@react-email/components";
import i18next, { type TFunction } from "i18next";
import { createContext, useContext, type CSSProperties, type ReactNode } from "react";
// Relative imports (not the `~/` alias) so the react-email CLI can load the templates on its own.
import en from "../app/i18n/locales/en/email.json";
import ja from "../app/i18n/locales/ja/email.json";
import { LOCALES, type Locale } from "../app/vocabulary";

export type EmailLocale = Locale;

// One private instance: the app's request-scoped i18next must not be switched by mail rendering, and
// with inline resources and initImmediate:false the init below completes synchronously.
const i18n = i18next.createInstance();
void i18n.init({
  resources: { ja: { email: ja }, en: { email: en } },
  ns: ["email"],
  defaultNS: "email",
  fallbackLng: "en",
  supportedLngs: [...LOCALES],
  initImmediate: false,
  // React escapes text it renders and subjects are headers, not HTML.
  interpolation: { escapeValue: false },
});

/**
 * The vendor's brand in every email: company name and logo (an absolute URL: mail clients have no base),
 * given by the renderer around the template.
 */
export type EmailBrand = { companyName: string; logoUrl: string | null };
export const DEFAULT_EMAIL_BRAND: EmailBrand = { companyName: "Launchroom", logoUrl: null };
export const EmailBrandContext = createContext<EmailBrand>(DEFAULT_EMAIL_BRAND);
export function useEmailBrand(): EmailBrand {
  return useContext(EmailBrandContext);
}

export function emailT(locale: EmailLocale): TFunction {
  return i18n.getFixedT(locale, "email");
}

/**
 * Dates in emails carry their zone, since the reader's zone is unknown: Japanese readers get Japan time
 * (Asia/Tokyo), English readers get UTC.
 */
export function formatEmailDateTime(iso: string, locale: EmailLocale): string {
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-US", {
    timeZone: locale === "ja" ? "Asia/Tokyo" : "UTC",
    year: "numeric",
    month: "long",
    day: "numeric",
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  }).format(new Date(iso));
}

const fontFamily =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic", Meiryo, Helvetica, Arial, sans-serif';

const styles = {
  body: { backgroundColor: "#f4f5f7", margin: 0, padding: "24px 0", fontFamily },
  container: {
    backgroundColor: "#ffffff",
    border: "1px solid #e3e6ea",
    borderRadius: "8px",
    margin: "0 auto",
    maxWidth: "560px",
    padding: "32px 40px",
  },
  brand: { color: "#1f3a5f", fontSize: "18px", fontWeight: 700, letterSpacing: "0.02em", margin: "0" },
  brandRow: { margin: "0 0 24px" },
  logo: { display: "block", maxHeight: "40px", maxWidth: "160px", border: 0 },
  heading: { color: "#1b1f24", fontSize: "20px", fontWeight: 600, lineHeight: "1.5", margin: "0 0 16px" },
  paragraph: { color: "#343a40", fontSize: "15px", lineHeight: "1.7", margin: "0 0 16px" },
  note: { color: "#5c6570", fontSize: "13px", lineHeight: "1.7", margin: "0 0 12px" },
  buttonSection: { margin: "24px 0" },
  buttonCell: { backgroundColor: "#1f3a5f", borderRadius: "6px", padding: "12px 24px" },
  buttonLink: {
    color: "#ffffff",
    display: "inline-block",
    fontSize: "15px",
    fontWeight: 600,
    lineHeight: "1.4",
    textDecoration: "none",
  },
  rawUrl: { color: "#1f3a5f", fontSize: "13px", lineHeight: "1.6", wordBreak: "break-all" },
  hr: { borderColor: "#e3e6ea", margin: "28px 0 16px" },
  footer: { color: "#8a939c", fontSize: "12px", lineHeight: "1.6", margin: "0 0 4px" },
} satisfies Record<string, CSSProperties>;

/**
 * The page of every email: the subject as the document's title (HTML requires one), the preview text as
 * the first thing inside the body (inbox snippets read it from there; nothing may stand between head and body).
 */
export function EmailLayout(props: {
  locale: EmailLocale;
  title: string;
  preview: string;
  children: ReactNode;
}) {
  const t = emailT(props.locale);
  const brand = useEmailBrand();
  return (
    <Html lang={props.locale}>
      {/* Our own head: react-email's <Head> adds a content-less meta the HTML checker rejects. */}
      <head>
        <meta httpEquiv="Content-Type" content="text/html; charset=UTF-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
      </head>
      <Body style={styles.body}>
        <Preview>{props.preview}</Preview>
        <Container style={styles.container}>
          <Section style={styles.brandRow}>
            {brand.logoUrl ? (
              <Img
                src={brand.logoUrl}
                alt={t("layout.logoAlt", { company: brand.companyName })}
                height="40"
                style={styles.logo}
              />
            ) : null}
            <Text style={styles.brand}>{brand.companyName}</Text>
          </Section>
          {props.children}
          <Hr style={styles.hr} />
          <Text style={styles.footer}>{t("layout.footer", { company: brand.companyName })}</Text>
          <Text style={styles.footer}>
            {brand.companyName} · {t("layout.tagline")}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export function EmailHeading(props: { children: ReactNode }) {
  return <Text style={styles.heading}>{props.children}</Text>;
}

export function EmailParagraph(props: { children: ReactNode }) {
  return <Text style={styles.paragraph}>{props.children}</Text>;
}

export function EmailNote(props: { children: ReactNode }) {
  return <Text style={styles.note}>{props.children}</Text>;
}

/** The call to action, followed by the same URL as text for clients that strip or block buttons. */
export function EmailAction(props: { locale: EmailLocale; url: string; label: string }) {
  const t = emailT(props.locale);
  return (
    <>
      {/*
        A table-cell button instead of react-email's <Button>: the cell carries colour and padding (which
        Outlook honours on cells, not links), and no Outlook-only CSS (mso-*) that HTML checkers reject.
      */}
      <Section style={styles.buttonSection}>
        <table role="presentation">
          <tbody>
            <tr>
              <td style={styles.buttonCell}>
                <Link href={props.url} style={styles.buttonLink}>
                  {props.label}
                </Link>
              </td>
            </tr>
          </tbody>
        </table>
      </Section>
      <Text style={styles.note}>{t("layout.rawUrlLabel")}</Text>
      <Text style={styles.rawUrl}>
        <Link href={props.url} style={styles.rawUrl}>
          {props.url}
        </Link>
      </Text>
    </>
  );
}
