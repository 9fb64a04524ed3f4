import type { Locale, PlanSide, Visibility } from "~/vocabulary";

/** A template written as data: the demo templates, and what CSV import of a template builds. */
export type TemplateDefinition = {
  name: string;
  description: string;
  locale: Locale;
  /** Default welcome notes (Tiptap JSON), checked by the rich-text allow-list when stored. */
  welcomeNote?: { ja?: unknown; en?: unknown };
  phases: {
    title: string;
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
    }[];
  }[];
  milestones: {
    title: string;
    offset: number;
    firstValue?: boolean;
    autoComplete?: boolean;
    tasks: string[];
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
