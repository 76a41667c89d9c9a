import { createSignal, type JSX, onCleanup, onMount } from "solid-js";

/**
 * A table's horizontal scroller (narrow screens). When the table is wider than the screen, the
 * scroller is a named, focusable region, so that keyboard users can scroll it too (WCAG 2.1.1);
 * otherwise it adds no tab stop.
 */
export function TableWrap(props: { label: string; children: JSX.Element }) {
  let element: HTMLDivElement | undefined;
  const [scrolls, setScrolls] = createSignal(false);
  onMount(() => {
    if (!element || typeof ResizeObserver === "undefined") return;
    const wrap = element;
    const measure = () => setScrolls(wrap.scrollWidth > wrap.clientWidth);
    const observer = new ResizeObserver(measure);
    observer.observe(wrap);
    if (wrap.firstElementChild) observer.observe(wrap.firstElementChild);
    measure();
    onCleanup(() => observer.disconnect());
  });
  return (
    // biome-ignore lint/a11y/useAriaPropsSupportedByRole: the label comes with role="region", when it scrolls
    <div
      class="table-wrap"
      ref={element}
      tabindex={scrolls() ? 0 : undefined}
      role={scrolls() ? "region" : undefined}
      aria-label={scrolls() ? props.label : undefined}
    >
      {props.children}
    </div>
  );
}
