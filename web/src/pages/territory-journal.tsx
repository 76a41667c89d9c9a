import { useParams } from "@solidjs/router";
import { createAllPartnerSchemes, createPathway } from "../data/pathway";
import { createMembership } from "../data/session";
import { t } from "../i18n";
import { RequireRole } from "../ui/access";
import { AuditList } from "../ui/audit";
import { PageTitle } from "../ui/page";
import { describeConfigurationChange } from "../ui/pathway";

export function JournalPage() {
  const params = useParams();
  const id = () => params.territoryId ?? "";
  const membership = createMembership(id);
  return (
    <>
      <PageTitle title={t().journal.title(membership()?.contextName ?? "")} />
      <RequireRole roles={["territory_lead"]} contextId={id()}>
        <p class="lead">{t().journal.intro}</p>
        <Journal territoryId={id()} />
      </RequireRole>
    </>
  );
}

function Journal(props: { territoryId: string }) {
  // The configuration's entries name steps and partner schemes by their current names.
  const pathway = createPathway(() => props.territoryId);
  const schemes = createAllPartnerSchemes(() => props.territoryId);
  return (
    <AuditList
      territoryId={props.territoryId}
      idPrefix="journal-entry"
      label={t().journal.caption}
      empty={t().journal.empty}
      describe={describeConfigurationChange(pathway.data, schemes.data)}
    />
  );
}
