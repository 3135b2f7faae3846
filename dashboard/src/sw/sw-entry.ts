// The service worker's entry, built to /sw.js (dashboard/vite.config.ts) and
// registered by the lead's pages with scope /. It does its work only inside
// a service worker: imported anywhere else (a test, the page) it does
// nothing.
import { installPushHandlers, type SwScope } from './push-handlers.ts'

const scope = globalThis as { ServiceWorkerGlobalScope?: abstract new () => unknown }

if (scope.ServiceWorkerGlobalScope !== undefined && globalThis instanceof scope.ServiceWorkerGlobalScope) {
  installPushHandlers(globalThis as unknown as SwScope)
}
