import type { Role } from "@maillage/schema";
import { useParams } from "@solidjs/router";
import { For, Show } from "solid-js";
import { createMembership } from "../data/session";
import { createInvitations, createInvite, createMembers } from "../data/territory";
import { roleLabel, t } from "../i18n";
import { RequireRole } from "../ui/access";
import { InvitationsList } from "../ui/invitations";
import { InviteForm } from "../ui/invite-form";
import { PageTitle } from "../ui/page";
import { QueryView } from "../ui/states";
import { TableWrap } from "../ui/table";

export function MembersPage() {
  const params = useParams();
  const id = () => params.territoryId ?? "";
  const membership = createMembership(id);

  return (
    <>
      <PageTitle title={t().members.title(membership()?.contextName ?? "")} />
      <RequireRole roles={["territory_lead"]} contextId={id()}>
        <Members territoryId={id()} />
      </RequireRole>
    </>
  );
}

/** Only mounted for the territory's leads. */
function Members(props: { territoryId: string }) {
  const id = () => props.territoryId;
  const members = createMembers(id);
  const invite = createInvite(id);
  const invitations = createInvitations(id);
  return (
    <>
      <section aria-labelledby="members-list">
        <h2 id="members-list">{t().members.listSection}</h2>
        <QueryView query={members} isEmpty={(list) => list.length === 0} empty={t().members.empty}>
          {(list) => (
            <TableWrap label={t().members.listSection}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t().members.name}</th>
                    <th scope="col">{t().members.email}</th>
                    <th scope="col">{t().members.role}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={list()}>
                    {(member) => (
                      <tr>
                        <th scope="row">{member.displayName}</th>
                        <td>{member.email}</td>
                        <td>{roleLabel(member.role as Role)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </TableWrap>
          )}
        </QueryView>
      </section>
      <section aria-labelledby="members-invitations">
        <h2 id="members-invitations">{t().members.invitationsSection}</h2>
        <InvitationsList id="invitations-list" query={invitations} />
      </section>
      <section class="panel" aria-labelledby="members-invite">
        <h2 id="members-invite">{t().members.inviteSection}</h2>
        <p class="muted">{t().members.inviteIntro}</p>
        <Show when={id()} keyed>
          <InviteForm
            prefix="invite"
            keep={id()}
            roles={["link_worker", "territory_lead"]}
            submitLabel={t().members.submit}
            send={({ territoryId: _, ...input }) => invite.mutateAsync(input)}
          />
        </Show>
      </section>
    </>
  );
}
