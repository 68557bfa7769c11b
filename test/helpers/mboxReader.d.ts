/** mbox-reader ships no types: the part of its API the tests use (its README). */
declare module 'mbox-reader' {
  import type { Readable } from 'node:stream';
  export interface MboxMessage {
    returnPath: string;
    time: Date | false;
    /** The RFC 822 message. */
    content: Buffer;
    /** Lower-case header name to the header's lines, without the name. */
    headers: Map<string, string[]>;
  }
  export function mboxReader(input: Readable, options?: { gz?: boolean }): AsyncGenerator<MboxMessage>;
}
