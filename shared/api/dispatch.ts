import { ApiError, type Envelope } from './errors.ts';
import { contract, isCallName, type CallName, type CallOutput, type ParsedInput } from './contract.ts';
import { formatPath } from '../journey/problems.ts';
import { jsonValueProblem, MAX_BODY_BYTES, MAX_JSON_DEPTH } from '../limits.ts';

/** The implementation of every declared call; TypeScript refuses a map that misses one. */
export type Handlers = { [K in CallName]: (input: ParsedInput<K>) => Promise<CallOutput<K>> | CallOutput<K> };

/**
 * The one door into the services, used by every host: refuses unknown calls and input beyond the limits
 * (shared/limits.ts: IPC hands over whatever the renderer sent), validates the input against the contract, runs
 * the handler and wraps the result or error in an envelope.
 */
export async function dispatch(handlers: Handlers, name: unknown, rawInput: unknown): Promise<Envelope> {
  try {
    if (!isCallName(name)) throw new ApiError('unknown-call', `there is no call named ${JSON.stringify(name)}`);
    const excess = jsonValueProblem(rawInput, { maxDepth: MAX_JSON_DEPTH, maxBytes: MAX_BODY_BYTES });
    if (excess) {
      const path = excess.path || '(input)';
      throw new ApiError('invalid-input', `${name}: ${path}: the input is ${excess.message}`, [{ path, message: excess.message }]);
    }
    const parsed = contract[name].input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: formatPath(i.path) || '(input)', message: i.message }));
      throw new ApiError('invalid-input', `${name}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
    }
    const handler = handlers[name] as (input: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: error.toJSON() };
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'internal', message } };
  }
}
