import { useNavigation } from "@remix-run/react";
import { useEffect, useRef, type ButtonHTMLAttributes } from "react";

/**
 * A submit button that shows its form is on its way: disabled and `aria-busy` while the page's navigation
 * for its own form is pending (other forms of the page leave it alone), or while `pending` says so (a
 * fetcher's form). It is only disabled once the submission started, so its own name and value are sent.
 */
export function SubmitButton({
  pending,
  className = "btn-primary",
  children,
  disabled,
  ...props
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, "type"> & { pending?: boolean }) {
  const navigation = useNavigation();
  const ref = useRef<HTMLButtonElement>(null);
  const submitted = useRef(false);
  useEffect(() => {
    const form = ref.current?.form;
    if (!form) return;
    const mark = () => {
      submitted.current = true;
    };
    form.addEventListener("submit", mark);
    return () => form.removeEventListener("submit", mark);
  }, []);
  useEffect(() => {
    if (navigation.state === "idle") submitted.current = false;
  }, [navigation.state]);
  const busy = pending ?? (submitted.current && navigation.state !== "idle");
  return (
    <button
      {...props}
      ref={ref}
      type="submit"
      className={`${className} ${busy ? "cursor-wait opacity-70" : ""}`}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
    >
      {children}
    </button>
  );
}
