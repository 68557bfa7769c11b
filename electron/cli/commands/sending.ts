import type { Command } from 'commander';
import { SendingPause } from '../../services/engine/sendingPause.ts';
import { print, printJson, withWorkspace } from '../context.ts';

export function registerSendingCommands(program: Command): void {
  const sending = program.command('sending').description("the workspace's sending");
  sending
    .command('status')
    .description('whether the workspace sends, or is paused after refusals that were not the recipients\' fault (and why)')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }, command: Command) =>
      withWorkspace(command, (services) => {
        const paused = new SendingPause(services.db).current();
        if (options.json) return printJson({ paused });
        if (!paused) return print('sending');
        print(paused.reason);
        for (const refusal of paused.refusals) print(`  ${new Date(refusal.at).toISOString()}  ${refusal.to}: ${refusal.reply}`);
        print('journey-studio sending resume: send again');
      }),
    );
  sending
    .command('resume')
    .description('resume sending after a pause: the queued emails go out at the next pass of the engine')
    .action((_options: unknown, command: Command) =>
      withWorkspace(command, (services) => {
        const pause = new SendingPause(services.db);
        const was = pause.current();
        pause.resume();
        print(was ? 'sending resumed' : 'sending was not paused');
      }),
    );
}
