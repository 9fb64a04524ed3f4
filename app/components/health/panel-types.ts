import type { getHealthPanel } from "~/domain/health/health.server";

/** What the room's health panel loader sends; each panel component takes its own part of it. */
export type HealthPanelData = ReturnType<typeof getHealthPanel>;
