import { useFetcher, useSubmit } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import type { ActionResult } from "~/utils/action-result";

/** The field that tells the action the answer is shown in place (see taskStatusForm on the server). */
const IN_PLACE_FIELD = "inPlace";
const FETCHER_KEY = "task-status";

/** The element of the task's status controls: `[data-task-id]` holds them on every page. */
function taskBox(taskId: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-task-id="${CSS.escape(taskId)}"]`);
}

/**
 * Status changes that save in place. The forms are plain `<form method="post" data-inplace>` (built as
 * HTML strings on the plan, React elements elsewhere) that work without JavaScript; with it, one handler
 * on their container sends the submitted form through a fetcher: no navigation, the scroll position
 * stays, the page's data is revalidated. A status select inside such a form (`data-autosubmit`) submits on
 * change, except for "blocked", which waits for its reason.
 *
 * While a task's form is pending, its buttons and select are disabled and marked busy. When the answer comes, a
 * refusal moves the focus to the task's first error (`[data-first-error]`, else its alert), and a success
 * puts the focus back in the task's controls when the re-rendered row took it away. `result` is the
 * answer (with `values.taskId`) for the page to show beside the task, and `message` is for the page's
 * aria-live region.
 */
export function useInPlaceStatus() {
  const submit = useSubmit();
  const fetcher = useFetcher<ActionResult>({ key: FETCHER_KEY });
  const pendingTask = useRef<string | null>(null);
  const lastFocus = useRef<{ taskId: string; name: string | null; value: string | null } | null>(null);

  const send = useCallback(
    (form: HTMLFormElement, submitter?: HTMLElement | null) => {
      const formData = new FormData(form, submitter as HTMLButtonElement | null);
      formData.set(IN_PLACE_FIELD, "1");
      const taskId = String(formData.get("taskId") ?? "");
      pendingTask.current = taskId;
      const active = document.activeElement as HTMLElement | null;
      lastFocus.current = {
        taskId,
        name: active?.getAttribute("name") ?? null,
        value: active?.getAttribute("value") ?? null,
      };
      // The select too: a second change before the answer (and the new version) arrives would be refused
      // as a conflict.
      for (const control of form.querySelectorAll<HTMLButtonElement | HTMLSelectElement>("button, select")) {
        control.disabled = true;
        control.setAttribute("aria-busy", "true");
      }
      submit(formData, {
        method: "post",
        action: form.getAttribute("action") ?? undefined,
        navigate: false,
        fetcherKey: FETCHER_KEY,
        preventScrollReset: true,
      });
    },
    [submit],
  );

  const onSubmit = useCallback(
    (event: FormEvent) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-inplace")) return;
      event.preventDefault();
      send(form, (event.nativeEvent as SubmitEvent).submitter);
    },
    [send],
  );

  // A native listener: React's onChange does not see a change inside markup set as HTML (its plugin
  // looks at the nearest element React rendered, not at the select).
  const onChange = useCallback(
    (event: Event) => {
      const select = event.target;
      if (!(select instanceof HTMLSelectElement) || !select.hasAttribute("data-autosubmit")) return;
      const form = select.form;
      if (!form?.hasAttribute("data-inplace")) return;
      if (select.value === "blocked") {
        // A blocked task needs its reason first: the field shows (CSS), the focus goes there.
        form.querySelector<HTMLInputElement>('input[name="blockedReason"]')?.focus();
        return;
      }
      send(form, form.querySelector<HTMLButtonElement>('button[name="intent"]'));
    },
    [send],
  );

  const result = fetcher.state === "idle" ? fetcher.data : undefined;

  // After the answer (and the revalidated page) arrived: focus the first error, or restore lost focus.
  useEffect(() => {
    if (!result || !pendingTask.current) return;
    const taskId = pendingTask.current;
    pendingTask.current = null;
    const box = taskBox(taskId);
    if (!box) return;
    for (const control of box.querySelectorAll<HTMLButtonElement | HTMLSelectElement>("button, select")) {
      control.disabled = false;
      control.removeAttribute("aria-busy");
    }
    if (!result.ok) {
      box.querySelector<HTMLElement>("[data-first-error]")?.focus();
      return;
    }
    if (document.activeElement && document.activeElement !== document.body) return;
    const was = lastFocus.current;
    const same =
      was?.name &&
      box.querySelector<HTMLElement>(
        `[name="${CSS.escape(was.name)}"]${was.value ? `[value="${CSS.escape(was.value)}"]` : ""}`,
      );
    (same || box.querySelector<HTMLElement>("select, button, a"))?.focus();
  }, [result]);

  // Once the script runs, the container says so: the status forms' save buttons hide (CSS) as the select
  // submits on change.
  const [scripted, setScripted] = useState(false);
  useEffect(() => setScripted(true), []);

  const container = useRef<HTMLElement | null>(null);
  const ref = useCallback(
    (element: HTMLElement | null) => {
      container.current?.removeEventListener("change", onChange);
      container.current = element;
      element?.addEventListener("change", onChange);
    },
    [onChange],
  );

  return {
    /** For the element holding the forms: the delegated handlers, and `data-js` once hydrated. */
    containerProps: { ref, onSubmit, "data-js": scripted ? "" : undefined },
    result,
    pending: fetcher.state !== "idle",
  };
}
