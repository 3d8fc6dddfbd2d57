// The single place where IPC handlers are registered: sender check, input parse, handler, output check.
import { INVOKE_CHANNELS, type InvokeChannel } from '../../shared/ipc/channels';
import { invokeContract, type HandlerInput, type InvokeOutput } from '../../shared/ipc/contract';
import { checkSender, type FrameLike, type SenderPolicy } from '../security/sender-policy';
import { describeIssues } from './describe-issues';

/** One handler per contract channel; a missing or misspelt channel is a type error. */
export type IpcHandlers = {
  readonly [C in InvokeChannel]: (input: HandlerInput<C>) => InvokeOutput<C> | Promise<InvokeOutput<C>>;
};

/** The parts of Electron's IpcMainInvokeEvent the check reads. */
export interface IpcInvokeEventLike {
  readonly senderFrame: FrameLike | null;
}

/** The parts of Electron's ipcMain used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcLogger {
  warn(message: string): void;
}

/** Thrown back to the page; Electron forwards only the message text. */
export class IpcRejectedError extends Error {
  override readonly name = 'IpcRejectedError';
}

const MAX_HANDLER_MESSAGE_LENGTH = 200;

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

async function runInvoke<C extends InvokeChannel>(
  channel: C,
  handler: IpcHandlers[C],
  event: IpcInvokeEventLike,
  args: readonly unknown[],
  policy: SenderPolicy,
  logger: IpcLogger,
): Promise<InvokeOutput<C>> {
  const verdict = checkSender(() => event.senderFrame, policy);
  if (!verdict.trusted) {
    logger.warn(`IPC '${channel}' rejected: untrusted sender (${verdict.reason})`);
    throw new IpcRejectedError(`IPC '${channel}' rejected: the sender is not the Lantern app page.`);
  }
  // Every channel takes at most one argument; more means someone is not using the bridge.
  if (args.length > 1) throw new IpcRejectedError(`IPC '${channel}' rejected: invalid input (too many arguments).`);

  const spec = invokeContract[channel];
  const parsedInput = spec.input.safeParse(args[0]);
  if (!parsedInput.success) {
    throw new IpcRejectedError(`IPC '${channel}' rejected: invalid input (${describeIssues(parsedInput.error)}).`);
  }

  let result: unknown;
  try {
    result = await handler(parsedInput.data as HandlerInput<C>);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'unknown error';
    logger.warn(`IPC '${channel}' handler failed: ${truncate(message, 1000)}`);
    throw new IpcRejectedError(`IPC '${channel}' failed: ${truncate(message, MAX_HANDLER_MESSAGE_LENGTH)}`);
  }

  const parsedOutput = spec.output.safeParse(result);
  if (!parsedOutput.success) {
    logger.warn(`IPC '${channel}' handler broke the contract: ${describeIssues(parsedOutput.error)}`);
    throw new IpcRejectedError(`IPC '${channel}' failed: the result did not match the contract.`);
  }
  return parsedOutput.data as InvokeOutput<C>;
}

/**
 * Registers a handler for every contract channel (and only those: the loop runs over the contract,
 * not over `handlers`, so stray keys are never exposed). Returns a function that unregisters them.
 */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  handlers: IpcHandlers,
  policy: SenderPolicy,
  logger: IpcLogger = console,
): () => void {
  const register = <C extends InvokeChannel>(channel: C): void => {
    const handler = handlers[channel];
    if (typeof handler !== 'function') throw new TypeError(`No IPC handler for '${channel}'.`);
    ipcMain.handle(channel, (event, ...args) => runInvoke(channel, handler, event, args, policy, logger));
  };
  for (const channel of INVOKE_CHANNELS) register(channel);
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
  };
}
