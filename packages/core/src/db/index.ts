export { db, resetClient, ScopeViolation, tableName } from "./client";
export { all, entity, type ItemKey, type PageRequest, page } from "./entity";
export { Keys, monthOf, PLATFORM, SK_PREFIX } from "./keys";
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
export { type Change, diff, type WriteOp, write } from "./write";
