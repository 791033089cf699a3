/**
 * Globals that every runtime Tusk runs on has (Node, the renderer's page, a Web Worker).
 *
 * shared/ compiles with no DOM and no Node types so that `Buffer` or `document` cannot slip in;
 * the few standard APIs that both runtimes provide are declared here, only as far as shared/ uses them.
 */
declare class TextEncoder {
  encode(input?: string): Uint8Array
}
