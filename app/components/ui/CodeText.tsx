/**
 * Text whose `back-ticked` parts are code names the user types or reads in a file (CSV columns, role
 * codes): shown as <code>, so they read as codes rather than as words of the sentence.
 */
export function CodeText({ text }: { text: string }) {
  const parts = text.split(/`([^`]+)`/);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <code key={i} className="rounded bg-slate-100 px-1 font-mono break-all text-slate-800">
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}
