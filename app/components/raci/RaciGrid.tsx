/**
 * The RACI matrix as an editable grid, shared by a room's RACI (columns are people) and a template's
 * default RACI (columns are team roles). With JavaScript: one tab stop, arrow keys (and Home/End) move
 * between cells, R/A/C/I set the letter, Delete/Backspace clears; each change is saved in place through a
 * fetcher and announced in a live region; a refusal shows an alert and the focus stays on the cell.
 * Without JavaScript: each editable row is a small form, a select per editable cell and a save button.
 */
import { useFetcher, useRevalidator } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { LiveMessage } from "~/components/ui/LiveMessage";
import { useHydrated } from "~/components/ui/useHydrated";
import { raciRowProblems, type RaciRowProblem } from "~/domain/raci/rules";
import type { ActionResult } from "~/utils/action-result";
import { RACI_LETTERS, type RaciLetter } from "~/vocabulary";

export type GridColumn = { id: string; name: string; detail?: string };
export type GridColumnGroup = { key: string; label: string; columns: GridColumn[] };
export type GridRow = {
  type: "phase" | "milestone" | "task";
  id: string;
  title: string;
  cells: Record<string, RaciLetter>;
  /** Column ids this viewer may set on this row. */
  editable: string[];
};
export type GridRowGroup = { key: string; label?: string; rows: GridRow[] };

type Props = {
  /** Names the grid (id of a heading). */
  labelledBy: string;
  columnGroups: GridColumnGroup[];
  groups: GridRowGroup[];
  /** The form field that names the column: stakeholderId (room) or teamRole (template). */
  columnField: "stakeholderId" | "teamRole";
  cellIntent: string;
  rowIntent: string;
  /** Whether the server checks what the editor saw (rooms: yes; templates: no). */
  sendsExpected: boolean;
  /** Called with the letters as shown (saved and pending), to count the broken rows. */
  onLetters?: (broken: number) => void;
};

const key = (rowId: string, colId: string) => `${rowId}|${colId}`;

export function RaciGrid(props: Props) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const fetcher = useFetcher<ActionResult>();
  const revalidator = useRevalidator();
  const columns = useMemo(() => props.columnGroups.flatMap((g) => g.columns), [props.columnGroups]);
  const rows = useMemo(() => props.groups.flatMap((g) => g.rows), [props.groups]);
  const [pending, setPending] = useState<Map<string, RaciLetter | "">>(new Map());
  const [active, setActive] = useState<{ r: number; c: number }>({ r: 0, c: 0 });
  const [error, setError] = useState<string | null>(null);
  // Bumped when a change waits in the queue, so the page renders (and the queue is looked at) again.
  const [, setQueued] = useState(0);
  const queue = useRef<{ row: GridRow; colId: string; letter: RaciLetter | ""; expected: RaciLetter | "" }[]>(
    [],
  );
  const inFlight = useRef<(typeof queue.current)[number] | null>(null);
  const cellRefs = useRef(new Map<string, HTMLTableCellElement>());

  // A refused change is not shown: its cell shows the stored letter until the next change.
  const last = fetcher.state === "idle" ? fetcher.data : undefined;
  const refusedKey =
    last && !last.ok && last.values?.subjectId
      ? `${key(last.values.subjectId, last.values[props.columnField] ?? "")}|${last.values.letter ?? ""}`
      : null;
  const shown = (row: GridRow, colId: string): RaciLetter | "" => {
    const p = pending.get(key(row.id, colId));
    if (p === undefined || refusedKey === `${key(row.id, colId)}|${p}`) return row.cells[colId] ?? "";
    return p;
  };
  const problemsOf = (row: GridRow): RaciRowProblem[] =>
    raciRowProblems(columns.map((c) => shown(row, c.id) || null));
  const broken = rows.filter((r) => problemsOf(r).length > 0).length;
  const { onLetters } = props;
  useEffect(() => onLetters?.(broken), [broken, onLetters]);

  // Saved letters came back from the loader: pending ones that now match are done.
  useEffect(() => {
    setPending((prev) => {
      if (!prev.size) return prev;
      const next = new Map(prev);
      for (const [k, letter] of prev) {
        const [rowId, colId] = k.split("|");
        const row = rows.find((r) => r.id === rowId);
        const busy =
          queue.current.some((q) => key(q.row.id, q.colId) === k) ||
          (inFlight.current && key(inFlight.current.row.id, inFlight.current.colId) === k);
        if (!busy && row && (row.cells[colId!] ?? "") === letter) next.delete(k);
      }
      return next.size === prev.size ? prev : next;
    });
  }, [rows]);

  const sendNext = () => {
    const next = queue.current.shift();
    inFlight.current = next ?? null;
    if (!next) return;
    const form: Record<string, string> = {
      intent: props.cellIntent,
      subjectType: next.row.type,
      subjectId: next.row.id,
      [props.columnField]: next.colId,
      letter: next.letter,
    };
    if (props.sendsExpected) form.expected = next.expected;
    fetcher.submit(form, { method: "post" });
  };

  // The last answer, once the fetcher is idle: its notice goes to the live region, a refusal to the alert
  // (until the next change dismisses it).
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const [dismissed, setDismissed] = useState<ActionResult | undefined>(undefined);
  const refusal = result && !result.ok && result !== dismissed ? result : undefined;
  const shownError =
    error ??
    (refusal
      ? t(refusal.formError ?? refusal.fieldErrors?.letter ?? "errors.badRequest", refusal.params)
      : null);

  const answered = useRef<unknown>(null);
  useEffect(() => {
    if (!result || answered.current === result) return;
    answered.current = result;
    const sent = result.values;
    if (!result.ok) {
      // Later changes of the refused cell are dropped with it (its letter shows as stored, see shown()).
      if (sent?.subjectId) {
        const k = key(sent.subjectId, sent[props.columnField] ?? "");
        queue.current = queue.current.filter((q) => key(q.row.id, q.colId) !== k);
      }
      revalidator.revalidate();
    }
    inFlight.current = null;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [result]);

  // Whenever the fetcher is idle (its last answer handled above), the next queued change goes. Changes
  // made while it was busy (posting or revalidating) wait here, in order.
  useEffect(() => {
    if (fetcher.state !== "idle" || !queue.current.length) return;
    if (result && answered.current !== result) return;
    sendNext();
  });

  const setLetter = (row: GridRow, colId: string, letter: RaciLetter | "") => {
    const col = columns.find((c) => c.id === colId);
    setDismissed(fetcher.data);
    if (!row.editable.includes(colId)) {
      setError(t("raci.readOnlyCell", { row: row.title, person: col?.name ?? "" }));
      return;
    }
    const current = shown(row, colId);
    if (current === letter) return;
    setError(null);
    setPending((prev) => new Map(prev).set(key(row.id, colId), letter));
    queue.current.push({ row, colId, letter, expected: current });
    if (!inFlight.current && fetcher.state === "idle") sendNext();
    else setQueued((n) => n + 1);
  };

  const focusCell = (r: number, c: number) => {
    const rr = Math.max(0, Math.min(rows.length - 1, r));
    const cc = Math.max(0, Math.min(columns.length - 1, c));
    setActive({ r: rr, c: cc });
    const row = rows[rr];
    const col = columns[cc];
    if (row && col) cellRefs.current.get(key(row.id, col.id))?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableCellElement>, r: number, c: number) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const row = rows[r]!;
    const col = columns[c]!;
    const k = e.key;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [r - 1, c],
      ArrowDown: [r + 1, c],
      ArrowLeft: [r, c - 1],
      ArrowRight: [r, c + 1],
      Home: [r, 0],
      End: [r, columns.length - 1],
    };
    const move = moves[k];
    if (move) {
      e.preventDefault();
      focusCell(move[0], move[1]);
      return;
    }
    const upper = k.length === 1 ? k.toUpperCase() : "";
    if ((RACI_LETTERS as readonly string[]).includes(upper)) {
      e.preventDefault();
      setLetter(row, col.id, upper as RaciLetter);
    } else if (k === "Delete" || k === "Backspace") {
      e.preventDefault();
      setLetter(row, col.id, "");
    }
  };

  let rowIndex = -1;
  const colCount = columns.length + 1;
  return (
    <div className="space-y-2">
      {/* Announces each saved change (the visible confirmation is the letter itself). */}
      <LiveMessage result={result} />
      {shownError ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800" data-testid="raci-error">
          {shownError}
        </p>
      ) : null}
      {/* Scrolls sideways inside its own box on a phone; the first column stays in view. */}
      <div
        className="relative max-w-full overflow-x-auto rounded-lg border border-slate-200 bg-white"
        tabIndex={hydrated ? undefined : 0}
        role={hydrated ? undefined : "region"}
        aria-labelledby={hydrated ? undefined : props.labelledBy}
        data-testid="raci-scroll"
      >
        <table
          role={hydrated ? "grid" : undefined}
          aria-labelledby={props.labelledBy}
          aria-describedby={hydrated ? `${props.labelledBy}-keys` : undefined}
          className="w-max min-w-full border-collapse text-sm"
          data-testid="raci-grid"
        >
          <thead className="bg-slate-50 text-left text-slate-700">
            <tr>
              <th
                scope="col"
                rowSpan={2}
                className="sticky left-0 z-20 w-36 min-w-36 border-r border-b border-slate-200 bg-slate-50 p-2 align-bottom sm:w-72 sm:min-w-72"
              >
                {t("raci.rowHeader")}
              </th>
              {props.columnGroups.map((g) =>
                g.columns.length ? (
                  <th
                    key={g.key}
                    scope="colgroup"
                    colSpan={g.columns.length}
                    className="border-b border-l border-slate-200 p-2 text-center font-semibold"
                  >
                    {g.label}
                  </th>
                ) : null,
              )}
            </tr>
            <tr>
              {props.columnGroups.flatMap((g) =>
                g.columns.map((c, i) => (
                  <th
                    key={c.id}
                    scope="col"
                    className={`min-w-[5.5rem] max-w-[9rem] border-b border-slate-200 p-2 align-bottom font-medium break-words ${i === 0 ? "border-l" : ""}`}
                  >
                    <span className="block">{c.name}</span>
                    {c.detail ? (
                      <span className="block text-xs font-normal text-slate-500">{c.detail}</span>
                    ) : null}
                  </th>
                )),
              )}
            </tr>
          </thead>
          {props.groups.map((g) => (
            <tbody key={g.key}>
              {g.label ? (
                <tr>
                  <th
                    scope="rowgroup"
                    colSpan={colCount}
                    className="border-b border-slate-200 bg-slate-100 p-0 text-left font-semibold"
                  >
                    {/* Sticky inside the wide cell, so the label stays in view while the grid scrolls. */}
                    <span className="sticky left-0 inline-block p-2">{g.label}</span>
                  </th>
                </tr>
              ) : null}
              {g.rows.map((row) => {
                rowIndex++;
                const r = rowIndex;
                const problems = problemsOf(row);
                const formId = `raci-row-${row.type}-${row.id}`;
                const rowEditable = row.editable.length > 0;
                const kind = t(`raci.kind.${row.type}`);
                return (
                  <tr
                    key={row.id}
                    className={problems.length ? "bg-amber-50" : undefined}
                    data-raci-row={row.id}
                    data-broken={problems.length ? "true" : undefined}
                  >
                    <th
                      scope="row"
                      className={`sticky left-0 z-10 w-36 min-w-36 border-r border-b border-slate-200 p-2 text-left align-top font-normal sm:w-72 sm:min-w-72 ${problems.length ? "bg-amber-50" : "bg-white"}`}
                    >
                      <span className={`block break-words ${row.type === "task" ? "pl-3" : "font-semibold"}`}>
                        <span className="sr-only">{kind}: </span>
                        {row.title}
                      </span>
                      {problems.length ? (
                        <span className="mt-1 block text-xs text-amber-900" data-testid="raci-row-problem">
                          <span aria-hidden="true">⚠ </span>
                          {problems.map((p) => t(`raci.problems.${p}`)).join(t("raci.problemSeparator"))}
                        </span>
                      ) : null}
                      {!hydrated && rowEditable ? (
                        <form id={formId} method="post" className="mt-2">
                          <input type="hidden" name="intent" value={props.rowIntent} />
                          <input type="hidden" name="subjectType" value={row.type} />
                          <input type="hidden" name="subjectId" value={row.id} />
                          <button type="submit" className="btn-secondary px-2 py-1 text-xs">
                            {t("raci.saveRow")}
                            <span className="sr-only">: {row.title}</span>
                          </button>
                        </form>
                      ) : null}
                    </th>
                    {columns.map((col, c) => {
                      const letter = shown(row, col.id);
                      const editable = row.editable.includes(col.id);
                      const label = t("raci.cellLabel", {
                        row: row.title,
                        person: col.name,
                        letter: letter ? t(`raci.letters.${letter}`) : t("raci.empty"),
                      });
                      if (!hydrated)
                        return (
                          <td key={col.id} className="border-b border-slate-200 p-1 text-center">
                            {editable ? (
                              <>
                                <input type="hidden" form={formId} name={`e.${col.id}`} value={letter} />
                                <select
                                  form={formId}
                                  name={`c.${col.id}`}
                                  defaultValue={letter}
                                  aria-label={t("raci.selectLabel", { row: row.title, person: col.name })}
                                  className="input w-16 px-1 py-1"
                                >
                                  <option value="">—</option>
                                  {RACI_LETTERS.map((l) => (
                                    <option key={l} value={l}>
                                      {l}
                                    </option>
                                  ))}
                                </select>
                              </>
                            ) : (
                              <span className="font-semibold">
                                <span aria-hidden="true">{letter || "·"}</span>
                                <span className="sr-only">{label}</span>
                              </span>
                            )}
                          </td>
                        );
                      const isActive = active.r === r && active.c === c;
                      return (
                        <td
                          key={col.id}
                          ref={(el) => {
                            if (el) cellRefs.current.set(key(row.id, col.id), el);
                            else cellRefs.current.delete(key(row.id, col.id));
                          }}
                          role="gridcell"
                          tabIndex={isActive ? 0 : -1}
                          aria-label={label}
                          aria-readonly={editable ? undefined : true}
                          data-cell={`${r}-${c}`}
                          data-letter={letter}
                          onKeyDown={(e) => onKeyDown(e, r, c)}
                          onFocus={() => (isActive ? undefined : setActive({ r, c }))}
                          onClick={() => focusCell(r, c)}
                          className={`h-11 min-w-[5.5rem] cursor-default border-b border-slate-200 text-center text-base font-semibold outline-none focus:bg-brand-50 focus:ring-2 focus:ring-brand-600 focus:ring-inset ${editable ? "" : "bg-slate-50 text-slate-500"} ${pending.has(key(row.id, col.id)) ? "italic" : ""}`}
                        >
                          <span aria-hidden="true">{letter || (editable ? "" : "·")}</span>
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          ))}
        </table>
      </div>
      {hydrated ? (
        <p id={`${props.labelledBy}-keys`} className="text-sm text-slate-600">
          {t("raci.keyboardHelp")}
        </p>
      ) : null}
    </div>
  );
}

/** The legend: what R, A, C and I mean (in the page's language). */
export function RaciLegend() {
  const { t } = useTranslation();
  return (
    <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-2" data-testid="raci-legend">
      {RACI_LETTERS.map((l) => (
        <div key={l} className="flex gap-2">
          <dt className="w-5 font-bold">{l}</dt>
          <dd>
            <span className="font-medium">{t(`raci.letters.${l}`)}</span> — {t(`raci.meaning.${l}`)}
          </dd>
        </div>
      ))}
    </dl>
  );
}
