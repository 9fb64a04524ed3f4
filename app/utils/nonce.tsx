import { createContext, useContext } from "react";

/** The CSP nonce of this response, handed from entry.server to the <Scripts> in root. */
export const NonceContext = createContext<string | undefined>(undefined);
export const useNonce = () => useContext(NonceContext);
