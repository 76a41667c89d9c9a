import { useParams } from "@solidjs/router";
import { createMembership } from "../data/session";
import { t } from "../i18n";
import { RequireRole } from "../ui/access";
import { AuditList } from "../ui/audit";
import { PageTitle } from "../ui/page";

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
  return (
    <AuditList
      territoryId={props.territoryId}
      idPrefix="journal-entry"
      label={t().journal.caption}
      empty={t().journal.empty}
    />
  );
}
