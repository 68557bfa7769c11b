import { api } from '../api/client.ts';

const CHUNK_BYTES = 4 * 1024 * 1024;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Browser mode: sends a file to the workspace in chunks (so any size works, and never whole in memory);
 * returns the upload id to import it by. `onProgress` hears the bytes sent so far.
 */
export async function uploadFile(file: File, onProgress?: (bytes: number) => void): Promise<string> {
  let uploadId: string | undefined;
  for (let offset = 0; offset < Math.max(file.size, 1); offset += CHUNK_BYTES) {
    const bytes = new Uint8Array(await file.slice(offset, offset + CHUNK_BYTES).arrayBuffer());
    uploadId = (await api()['contacts.upload']({ uploadId, fileName: file.name, chunkBase64: toBase64(bytes) })).uploadId;
    onProgress?.(Math.min(file.size, offset + CHUNK_BYTES));
  }
  return uploadId!;
}
