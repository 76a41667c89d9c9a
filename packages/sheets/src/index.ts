export * from "./columns";
export * from "./convert";
export * from "./csv";
export * from "./table";
export { decode, type Encoding, normalize } from "./text";
export * from "./xlsx";
