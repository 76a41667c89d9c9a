export * from "./audit";
export * from "./errors";
export * from "./identity";
export * from "./ids";
export { issuesOf } from "./issues";
export * from "./messages";
export * from "./network";
export * from "./roles";
export * from "./territory";
