// The lead's pages register the service worker (/sw.js, scope /) when they
// mount: it shows what is pushed and opens the alert a notification names,
// and it makes the page installable. Where a browser has none, or refuses
// it (a plain-http address other than localhost), the page works without
// it and the push card says push is not available.
import { useEffect } from 'react'
import { registerServiceWorker } from './web-push-client.ts'

export function useServiceWorker(): void {
  useEffect(() => {
    registerServiceWorker().catch((err: unknown) => console.warn('service worker not registered:', err))
  }, [])
}
