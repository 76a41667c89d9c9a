export {
  type CellIssue,
  DATE_FIELDS,
  fieldOf,
  type JourneyLookups,
  type JourneyRow,
  journeyColumns,
  journeyHeader,
  journeyIssues,
  journeyOf,
  knownRoutes,
  MEASURE_SLOTS,
  type RouteLookup,
  routeLookup,
  SCALES,
} from "./journeys";
export { linkWorkerColumns } from "./link-workers";
export { reasonOf } from "./reasons";
export { resourceColumns } from "./resources";
