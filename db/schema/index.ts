// The vocabulary lives in app/vocabulary.ts; it is re-exported here so table users get both from one place.
export * from "../../app/vocabulary";
export * from "./users";
export * from "./accounts";
export * from "./rooms";
export * from "./events";
export * from "./outbox";
export * from "./templates";
export * from "./plan";
export * from "./health";
export * from "./files";
export * from "./handoffs";
export * from "./goals";
export * from "./meetings";
export * from "./reports";
export * from "./raci";
export * from "./reviews";
export * from "./engagement";
