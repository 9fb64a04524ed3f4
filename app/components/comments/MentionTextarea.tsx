import {
  useId,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent,
  type TextareaHTMLAttributes,
} from "react";
import { useTranslation } from "react-i18next";

export type Mentionable = { userId: string; name: string };

/** The "@query" just before the caret: after the start, a space or an opening bracket; no line break. */
const TRIGGER = /(?:^|[\s(（「『])@([^\s@]*(?: [^\s@]*)?)$/u;
const MAX_OPTIONS = 8;
const noSubscription = () => () => {};

function queryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const m = TRIGGER.exec(before);
  if (!m) return null;
  const query = m[1] ?? "";
  if (query.length > 40) return null;
  return { start: caret - query.length - 1, query };
}

function matches(people: Mentionable[], query: string): Mentionable[] {
  const q = query.toLowerCase().trim();
  if (!q) return people.slice(0, MAX_OPTIONS);
  const words = (name: string) => name.toLowerCase().split(/[\s\u3000]+/);
  const starts = people.filter(
    (p) => p.name.toLowerCase().startsWith(q) || words(p.name).some((w) => w.startsWith(q)),
  );
  const contains = people.filter((p) => !starts.includes(p) && p.name.toLowerCase().includes(q));
  return [...starts, ...contains].slice(0, MAX_OPTIONS);
}

/**
 * The comment box with mentions: typing "@" and part of a name opens a list of the room's people
 * (ARIA 1.2 combobox on the textarea: arrows move, Enter or Tab picks, Escape closes; the mouse works too).
 * Picking writes "@Name " into the text and records the person in a hidden `mention` field; the server
 * keeps a mention only while "@Name" is still in the text. Before hydration (or without JavaScript) it is
 * a plain textarea, and the server still finds "@Name" typed by hand.
 */
export function MentionTextarea({
  people,
  ...props
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { id: string; people: Mentionable[] }) {
  const { t } = useTranslation();
  const listId = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  // False while rendering on the server and hydrating, true once the script runs: only then is it a combobox.
  const enhanced = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [trigger, setTrigger] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const [picked, setPicked] = useState<Mentionable[]>([]);
  const [announce, setAnnounce] = useState("");

  const options = trigger ? matches(people, trigger.query) : [];
  const open = enhanced && !!trigger && options.length > 0;

  const update = () => {
    const el = ref.current;
    if (!el || el.selectionStart !== el.selectionEnd) return setTrigger(null);
    const next = queryAt(el.value, el.selectionStart);
    setTrigger(next);
    setActive(0);
    if (next) {
      const n = matches(people, next.query).length;
      setAnnounce(
        n ? t("team.mentions.count", { count: n }) : t("team.mentions.noMatch", { query: next.query }),
      );
    }
  };

  const pick = (person: Mentionable) => {
    const el = ref.current;
    if (!el || !trigger) return;
    const end = trigger.start + 1 + trigger.query.length;
    const insert = `@${person.name} `;
    el.value = el.value.slice(0, trigger.start) + insert + el.value.slice(end);
    const caret = trigger.start + insert.length;
    el.setSelectionRange(caret, caret);
    el.focus();
    setPicked((list) => (list.some((p) => p.userId === person.userId) ? list : [...list, person]));
    setTrigger(null);
    setAnnounce(t("team.mentions.picked", { name: person.name }));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open) return;
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setActive((i) => (i + 1) % options.length);
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((i) => (i - 1 + options.length) % options.length);
    } else if ((e.key === "Enter" || e.key === "Tab") && !e.nativeEvent.isComposing) {
      e.preventDefault();
      pick(options[active] ?? options[0]!);
    } else if (e.key === "Escape") {
      e.preventDefault();
      setTrigger(null);
    }
  };

  const optionId = (i: number) => `${listId}-${i}`;
  return (
    <div className="relative">
      <textarea
        {...props}
        ref={ref}
        onInput={update}
        onClick={update}
        onKeyUp={(e) => {
          if (["ArrowLeft", "ArrowRight", "Home", "End"].includes(e.key)) update();
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTrigger(null)}
        {...(enhanced
          ? {
              role: "combobox",
              "aria-autocomplete": "list" as const,
              "aria-expanded": open,
              "aria-controls": listId,
              "aria-activedescendant": open ? optionId(active) : undefined,
            }
          : {})}
      />
      {enhanced ? (
        <ul
          id={listId}
          role="listbox"
          aria-label={t("team.mentions.listLabel")}
          hidden={!open}
          className="absolute right-0 left-0 z-20 mt-1 max-h-64 overflow-y-auto rounded-md border border-slate-300 bg-white py-1 shadow-lg sm:right-auto sm:w-80"
        >
          {options.map((p, i) => (
            // The keyboard picks through the combobox (aria-activedescendant), as ARIA 1.2 wants.
            // eslint-disable-next-line jsx-a11y/click-events-have-key-events
            <li
              key={p.userId}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              // Keep the focus in the textarea: the pick happens on click.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(p)}
              onMouseMove={() => setActive(i)}
              className={`cursor-pointer px-3 py-2 text-sm break-words ${i === active ? "bg-brand-100 text-brand-900" : "text-slate-900"}`}
            >
              {p.name}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="sr-only" aria-live="polite">
        {announce}
      </p>
      {picked.map((p) => (
        <input key={p.userId} type="hidden" name="mention" value={p.userId} />
      ))}
    </div>
  );
}
