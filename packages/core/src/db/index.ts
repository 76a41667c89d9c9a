export { db, resetClient, tableName } from "./client";
export { Keys, PLATFORM, SK_PREFIX } from "./keys";
export { queryAll } from "./query";
export { createTableInput, tableKeys } from "./table";
export { type Change, type WriteOp, withoutKeys, write } from "./write";
