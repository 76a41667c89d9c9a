export { db, resetClient, tableName } from "./client";
export { Keys, PLATFORM, SK_PREFIX } from "./keys";
export { createTableInput, tableKeys } from "./table";
export { type Change, type WriteOp, withoutKeys, write } from "./write";
export { queryAll } from "./query";
