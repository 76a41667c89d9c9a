export { db, resetClient, ScopeViolation, tableName } from "./client";
export { Keys, PLATFORM, SK_PREFIX } from "./keys";
export {
  type Action,
  allows,
  apiRolePolicy,
  type PolicyDocument,
  sessionPolicy,
  tenantRolePolicy,
  tenantRoleTrustPolicy,
} from "./policy";
export { queryAll } from "./query";
export * as Scope from "./scope";
export { createTableInput, tableKeys } from "./table";
export { type Change, type WriteOp, withoutKeys, write } from "./write";
