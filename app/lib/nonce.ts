import { createContext, useContext } from 'react'

/**
 * The CSP nonce of the response being rendered. The production server makes one per request and hands
 * it to entry.server through the load context; on the client, and in dev, it is empty (browsers hide
 * nonces from the DOM, and Remix marks its scripts suppressHydrationWarning).
 */
export const NonceContext = createContext<string>('')

/** The nonce for <Scripts>/<ScrollRestoration> and any inline script of our own. */
export function useNonce(): string {
  return useContext(NonceContext)
}
