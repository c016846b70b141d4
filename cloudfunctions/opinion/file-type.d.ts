/**
 * Types for `file-type` (ESM-only; its own typings are reachable only with
 * `moduleResolution: node16/bundler`, and this project compiles with `node`).
 * esbuild bundles the real package into the function. Only what we call.
 */
declare module 'file-type' {
  export interface FileTypeResult {
    /** e.g. `png` */
    ext: string
    /** e.g. `image/png` */
    mime: string
  }
  /** Detects the type from the leading bytes (magic numbers); undefined when unknown. */
  export function fileTypeFromBuffer(buffer: Uint8Array | ArrayBuffer): Promise<FileTypeResult | undefined>
}
