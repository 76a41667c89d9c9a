import type { EnumName, LinkWorker, LinkWorkerCreate } from "@maillage/schema";
import { label, t } from "../i18n";

/** "59350, 59299 59368" → ["59350", "59299", "59368"] (as the profile form reads its communes). */
const splitCodes = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((code) => code.trim().toUpperCase())
    .filter(Boolean);

/** What the link worker form holds: the text the person typed, turned into the API's shape on submit. */
export interface LinkWorkerDraft {
  name: string;
  reference: string;
  profileType: string;
  employer: string;
  fte: string;
  fundingSource: string;
  fundingDetail: string;
  /** "yes" | "no" | "" (not chosen yet). */
  communityHealthTraining: string;
  trainingName: string;
  trainingDate: string;
  supervision: string;
  supervisionFrequency: string;
  caseloadCapacity: string;
  languages: string;
  communes: string;
  activeFrom: string;
  activeTo: string;
  userId: string;
}

export const emptyLinkWorker = (): LinkWorkerDraft => ({
  name: "",
  reference: "",
  profileType: "",
  employer: "",
  fte: "",
  fundingSource: "",
  fundingDetail: "",
  communityHealthTraining: "",
  trainingName: "",
  trainingDate: "",
  supervision: "",
  supervisionFrequency: "",
  caseloadCapacity: "",
  languages: "",
  communes: "",
  activeFrom: "",
  activeTo: "",
  userId: "",
});

/** A decimal as French writes it (0,8) or as the API does (0.8). */
const decimalText = (value: number) => String(value).replace(".", ",");

export function linkWorkerDraftOf(worker: LinkWorker): LinkWorkerDraft {
  return {
    name: worker.name,
    reference: worker.reference,
    profileType: worker.profileType,
    employer: worker.employer,
    fte: decimalText(worker.fte),
    fundingSource: worker.fundingSource,
    fundingDetail: worker.fundingDetail ?? "",
    communityHealthTraining: worker.communityHealthTraining ? "yes" : "no",
    trainingName: worker.trainingName ?? "",
    trainingDate: worker.trainingDate ?? "",
    supervision: worker.supervision,
    supervisionFrequency: worker.supervisionFrequency ?? "",
    caseloadCapacity: worker.caseloadCapacity === null ? "" : String(worker.caseloadCapacity),
    languages: worker.languages.join(", "),
    communes: worker.communes.join(", "),
    activeFrom: worker.activeFrom ?? "",
    activeTo: worker.activeTo ?? "",
    userId: worker.userId ?? "",
  };
}

const blank = (text: string) => text.trim() === "";
const orNull = (text: string) => (blank(text) ? null : text.trim());

/** "0,8" or "0.8" → 0.8; anything else → NaN, which the schema reports with its own message. */
export function parseDecimal(text: string): number {
  const cleaned = text.replace(/[\s\u202f]/g, "").replace(",", ".");
  return /^\d+(\.\d+)?$|^\.\d+$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

function parseCount(text: string): number | null {
  const cleaned = text.replace(/[\s\u202f]/g, "");
  if (cleaned === "") return null;
  return /^\d+$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

const splitLanguages = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((code) => code.trim().toLowerCase())
    .filter(Boolean);

/**
 * The draft in the API's shape, not yet validated: the shared valibot schema does that, so that the
 * console and the API agree on every rule (and report them all in one pass).
 */
export function linkWorkerInput(draft: LinkWorkerDraft): Record<keyof LinkWorkerCreate, unknown> {
  return {
    name: draft.name,
    reference: orNull(draft.reference),
    profileType: draft.profileType,
    employer: draft.employer,
    fte: parseDecimal(draft.fte),
    fundingSource: draft.fundingSource,
    fundingDetail: orNull(draft.fundingDetail),
    communityHealthTraining:
      draft.communityHealthTraining === "yes"
        ? true
        : draft.communityHealthTraining === "no"
          ? false
          : undefined,
    trainingName: orNull(draft.trainingName),
    trainingDate: orNull(draft.trainingDate),
    supervision: draft.supervision,
    supervisionFrequency: orNull(draft.supervisionFrequency),
    caseloadCapacity: parseCount(draft.caseloadCapacity),
    languages: splitLanguages(draft.languages),
    communes: splitCodes(draft.communes),
    activeFrom: orNull(draft.activeFrom),
    activeTo: orNull(draft.activeTo),
    userId: orNull(draft.userId),
  };
}

/** The value an issue such as "communes.2" or "languages.0" is about. */
export const linkWorkerSubject = (draft: LinkWorkerDraft, path: string) => {
  const [field, index] = path.split(".");
  if (index === undefined) return undefined;
  if (field === "communes") return splitCodes(draft.communes)[Number(index)];
  if (field === "languages") return splitLanguages(draft.languages)[Number(index)];
  return undefined;
};

export function linkWorkerFormLabels(): Record<keyof LinkWorkerDraft, string> {
  const l = t().linkWorkers;
  return {
    name: l.name,
    reference: l.reference,
    profileType: l.profileType,
    employer: l.employer,
    fte: l.fte,
    fundingSource: l.fundingSource,
    fundingDetail: l.fundingDetail,
    communityHealthTraining: l.communityHealthTraining,
    trainingName: l.trainingName,
    trainingDate: l.trainingDate,
    supervision: l.supervision,
    supervisionFrequency: l.supervisionFrequency,
    caseloadCapacity: l.caseloadCapacity,
    languages: l.languages,
    communes: l.communes,
    activeFrom: l.activeFrom,
    activeTo: l.activeTo,
    userId: l.user,
  };
}

export const options = (list: EnumName, values: readonly string[]) =>
  values.map((value) => ({ value, label: label(list, value) }));
