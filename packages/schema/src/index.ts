export * from "./audit";
export * from "./errors";
export * from "./identity";
export * from "./ids";
export * from "./network";
export * from "./roles";
export * from "./territory";
export { issuesOf } from "./issues";
