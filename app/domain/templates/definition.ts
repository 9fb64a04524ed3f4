import type { Locale, PlanSide, RaciLetter, TeamRole, Visibility } from "~/vocabulary";

/** A row's default RACI by team role. */
export type RoleRaci = Partial<Record<TeamRole, RaciLetter>>;

/** A template written as data: the demo templates, and what CSV import of a template builds. */
export type TemplateDefinition = {
  name: string;
  description: string;
  locale: Locale;
  /** Default welcome notes (Tiptap JSON), checked by the rich-text allow-list when stored. */
  welcomeNote?: { ja?: unknown; en?: unknown };
  phases: {
    title: string;
    raci?: RoleRaci;
    tasks: {
      key: string;
      title: string;
      description?: string;
      side: PlanSide;
      defaultRole?: string;
      start: number;
      due: number;
      visibility?: Visibility;
      dependsOn?: string[];
      /** A deliverable: a row of the RACI (with its default letters by role). */
      deliverable?: boolean;
      raci?: RoleRaci;
    }[];
  }[];
  milestones: {
    title: string;
    offset: number;
    firstValue?: boolean;
    autoComplete?: boolean;
    tasks: string[];
    raci?: RoleRaci;
  }[];
  /** Suggested success-plan goals, due `due` days after the kickoff; figures may be left to the CSM. */
  goals?: {
    statement: string;
    kpi: string;
    unit?: string;
    baseline?: number;
    target?: number;
    due: number;
  }[];
  /** Achieving a room's first goal completes its first-value milestone. */
  firstGoalMarksFirstValue?: boolean;
};
