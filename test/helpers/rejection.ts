import type { ApiError } from '../../shared/api/errors.ts';

/** The error an API call is expected to fail with; a call that succeeds fails the test. */
export async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('expected the call to fail');
}
