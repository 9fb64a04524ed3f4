import { ErrorView } from "~/components/ErrorView";
import { notFound } from "~/utils/errors";
import { throwHttp } from "~/utils/http.server";

/** Any unknown path: the shared 404 page inside the layout. */
export function loader() {
  throwHttp(notFound());
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <ErrorView />;
}
