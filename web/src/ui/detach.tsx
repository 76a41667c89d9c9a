import { createSignal, Show } from "solid-js";
import { isApiError } from "../api";
import { createDetach, type ReaderKind } from "../data/operator";
import { t } from "../i18n";
import { errorMessage } from "./states";

export interface Named {
  id: string;
  name: string;
}

/**
 * "Détacher", then a confirmation in place (« Oui, détacher » / « Annuler ») naming the territory and
 * the reader, since detaching removes what the territory published there. The row goes once done: the
 * page announces the result and moves the focus (`detached`); an attachment already gone says so too.
 */
export function DetachControl(props: {
  territory: Named;
  owner: Named & { kind: ReaderKind };
  detached: (message: string) => void;
}) {
  const f = () => t().followUp;
  const detach = createDetach();
  const [confirming, setConfirming] = createSignal(false);
  const [failure, setFailure] = createSignal<unknown>();
  const from = () => f().from(props.owner.kind, props.owner.name);
  const questionId = () => `detach-${props.owner.id}-${props.territory.id}`;
  let open: HTMLButtonElement | undefined;

  // The confirmation's first button takes the focus when it appears (see its ref).
  const ask = () => {
    setFailure(undefined);
    setConfirming(true);
  };
  const cancel = () => {
    setConfirming(false);
    open?.focus();
  };
  const run = async () => {
    if (detach.isPending) return;
    setFailure(undefined);
    try {
      await detach.mutateAsync({
        ownerKind: props.owner.kind,
        ownerId: props.owner.id,
        territoryId: props.territory.id,
      });
      props.detached(f().detached(props.territory.name, from()));
    } catch (error) {
      // Someone else detached it meanwhile: the outcome is the one asked for.
      if (isApiError(error, "attachment.not_found")) props.detached(f().alreadyDetached);
      else setFailure(error);
    }
  };

  return (
    <Show
      when={confirming()}
      fallback={
        <button
          type="button"
          class="button button--secondary button--small"
          ref={open}
          aria-label={f().detachLabel(props.territory.name, from())}
          onClick={ask}
        >
          {f().detach}
        </button>
      }
    >
      {/* biome-ignore lint/a11y/useSemanticElements: a group of two buttons, not a form field set */}
      <div
        class="confirm"
        role="group"
        aria-labelledby={questionId()}
        on:keydown={(event) => {
          if (event.key === "Escape") cancel();
        }}
      >
        <p id={questionId()} class="confirm__question">
          {f().confirmQuestion(props.territory.name, from())}
        </p>
        <p class="confirm__actions">
          <button
            type="button"
            class="button button--danger button--small"
            ref={(element) => queueMicrotask(() => element.focus())}
            aria-label={f().confirmLabel(props.territory.name, from())}
            aria-disabled={detach.isPending}
            onClick={() => void run()}
          >
            {detach.isPending ? f().detaching : f().confirm}
          </button>
          <button
            type="button"
            class="button button--quiet button--small"
            aria-label={f().cancelLabel(props.territory.name, from())}
            onClick={cancel}
          >
            {f().cancel}
          </button>
        </p>
        <Show when={failure()}>
          <p class="field-errors" role="alert">
            {errorMessage(failure())}
          </p>
        </Show>
      </div>
    </Show>
  );
}
