// Plain lists shared by the account form (browser) and its schema (server).
export const CURRENCIES = ["JPY", "USD", "EUR", "GBP", "AUD", "SGD", "CNY", "KRW", "INR", "CAD"] as const;
export const TIME_ZONES = [
  "Asia/Tokyo",
  "Asia/Seoul",
  "Asia/Shanghai",
  "Asia/Singapore",
  "Asia/Kolkata",
  "Australia/Sydney",
  "Europe/London",
  "Europe/Berlin",
  "America/New_York",
  "America/Los_Angeles",
  "UTC",
] as const;
