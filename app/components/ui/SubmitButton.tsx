import { useNavigation } from "@remix-run/react";
import { useEffect, useState, type ButtonHTMLAttributes } from "react";

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
  const [form, setForm] = useState<HTMLFormElement | null>(null);
  // The navigation this button's form started, if any: set when the form is submitted, over once idle.
  const [submitted, setSubmitted] = useState(false);
  useEffect(() => {
    if (!form) return;
    const mark = () => setSubmitted(true);
    form.addEventListener("submit", mark);
    return () => form.removeEventListener("submit", mark);
  }, [form]);
  const navigating = navigation.state !== "idle";
  const [wasNavigating, setWasNavigating] = useState(navigating);
  if (navigating !== wasNavigating) {
    setWasNavigating(navigating);
    if (!navigating) setSubmitted(false);
  }
  const busy = pending ?? (submitted && navigating);
  return (
    <button
      {...props}
      ref={(el) => setForm(el?.form ?? null)}
      type="submit"
      className={`${className} ${busy ? "cursor-wait opacity-70" : ""}`}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
    >
      {children}
    </button>
  );
}
