export * from "./enums";
export * from "./users";
export * from "./accounts";
export * from "./rooms";
export * from "./events";
export * from "./outbox";
export * from "./templates";
export * from "./plan";
