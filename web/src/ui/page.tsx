import { createEffect, type JSX } from "solid-js";
import { t } from "../i18n";

/**
 * The page's one h1, focusable so that the layout can move focus to it on navigation,
 * and the document title that goes with it.
 */
export function PageTitle(props: { title: string; children?: JSX.Element }) {
  createEffect(() => {
    document.title = t().app.title(props.title);
  });
  return (
    <h1 class="page-title" tabindex="-1">
      {props.children ?? props.title}
    </h1>
  );
}
