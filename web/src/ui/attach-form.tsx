import { CHOOSE_ONE } from "@maillage/schema";
import { createSignal, Show } from "solid-js";
import * as v from "valibot";
import { createAttach, type ReaderKind } from "../data/operator";
import { t } from "../i18n";
import { ChoiceField, createForm, FormView, StatusMessage, SubmitButton } from "./form";

interface Named {
  id: string;
  name: string;
}

/** Both choices are required; the API checks that they exist. */
const Attachment = v.object({
  ownerId: v.pipe(v.string(), v.nonEmpty(CHOOSE_ONE)),
  territoryId: v.pipe(v.string(), v.nonEmpty(CHOOSE_ONE)),
});

/**
 * Attaches a territory to a federation or a funder. From the directory both are chosen; from a
 * territory's page (`territoryId`) only the reader, from a reader's page (`ownerId`) only the territory.
 */
export function AttachForm(props: {
  kind: ReaderKind;
  owners: Named[];
  territories: Named[];
  ownerId?: string;
  territoryId?: string;
  /** The label of the submit button ("Rattacher" by default). */
  submitLabel?: string;
}) {
  const [done, setDone] = createSignal<{ territory: string; owner: string }>();
  const ownerLabel = () => (props.kind === "federation" ? t().operator.federation : t().operator.funder);
  const attach = createAttach();
  const nameOf = (entries: Named[], id: string) => entries.find((e) => e.id === id)?.name ?? id;
  const fixed = props.ownerId !== undefined || props.territoryId !== undefined;
  const form = createForm({
    id: `attach-${props.kind}`,
    schema: Attachment,
    initial: () => ({ ownerId: props.ownerId ?? "", territoryId: props.territoryId ?? "" }),
    labels: () => ({ ownerId: ownerLabel(), territoryId: t().operator.territory }),
    send: async ({ ownerId, territoryId }) => {
      setDone(undefined);
      // Named before: once attached, the chosen one may leave the list.
      const names = {
        territory: nameOf(props.territories, territoryId),
        owner: nameOf(props.owners, ownerId),
      };
      await attach.mutateAsync({ ownerKind: props.kind, ownerId, territoryId });
      return names;
    },
    done: (names, form) => {
      setDone(names);
      // From the directory the choices stay: attaching the same territory elsewhere is the next likely
      // step. From a page about one side, the other one is now attached and leaves the list.
      if (fixed) form.reset();
    },
  });
  const options = (entries: Named[]) => entries.map((entry) => ({ value: entry.id, label: entry.name }));

  return (
    <FormView form={form}>
      <Show when={props.ownerId === undefined}>
        <ChoiceField form={form} name="ownerId" label={ownerLabel()} options={options(props.owners)} />
      </Show>
      <Show when={props.territoryId === undefined}>
        <ChoiceField
          form={form}
          name="territoryId"
          label={t().operator.territory}
          options={options(props.territories)}
        />
      </Show>
      <SubmitButton form={form} label={props.submitLabel ?? t().operator.attachSubmit} />
      <StatusMessage>
        {done() ? t().operator.attached(done()?.territory ?? "", done()?.owner ?? "") : ""}
      </StatusMessage>
    </FormView>
  );
}
