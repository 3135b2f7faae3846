// Compile-time constants and asset imports that Vite provides.

/** The id of this build (dashboard/vite.config.ts); the server reports its own in every snapshot. */
declare const __BUILD_ID__: string

declare module '*.css'
