export { linkWorkerColumns } from "./link-workers";
export { reasonOf } from "./reasons";
export { resourceColumns } from "./resources";
