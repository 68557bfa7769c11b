import { createClient, type ApiClient } from '../../../shared/api/client.ts';
import { detectTransport } from './transport.ts';
import { withOpeningRequest } from './openingRequest.ts';

let client: ApiClient | undefined;

/** The app's one API client. Tests install their own with setApi. */
export function api(): ApiClient {
  client ??= createClient(withOpeningRequest(detectTransport()));
  return client;
}

export function setApi(next: ApiClient): void {
  client = next;
}
