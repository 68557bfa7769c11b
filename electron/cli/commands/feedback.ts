import type { Command } from 'commander';
import { join, resolve } from 'node:path';
import { FeedbackPoller } from '../../services/engine/feedback/feedbackPoller.ts';
import { FeedbackRecorder, type MessageOutcome } from '../../services/engine/feedback/feedbackRecorder.ts';
import { feedbackFolder, readFeedbackFolder } from '../../services/engine/feedback/feedbackFolder.ts';
import { CliError, print, printJson, withWorkspace } from '../context.ts';

/** One line per message, one indented line per recipient it reports on. */
function printOutcomes(messages: readonly MessageOutcome[]): void {
  for (const message of messages) {
    if (message.type === 'not-a-report') {
      print(`${message.source}: skipped, ${message.why}`);
      continue;
    }
    print(`${message.source}: ${message.type === 'feedback' ? 'feedback report' : 'delivery status notification'}`);
    for (const outcome of message.outcomes) print(`  ${outcome.summary}${outcome.isNew || outcome.kind === 'no-action' || outcome.kind === 'unmatched' ? '' : ' (already recorded)'}${outcome.messageKey ? ` [${outcome.messageKey}]` : ''}`);
  }
}

export function registerFeedbackCommands(program: Command): void {
  const feedback = program.command('feedback').description('bounces and complaints that arrive after sending');
  feedback
    .command('read')
    .description(
      'read delivery status notifications (RFC 3464) and complaint reports (ARF) from .eml files and the bounce mailbox: suppress hard bounces and complaints, record them on the contacts',
    )
    .option('--folder <dir>', "read the .eml files in this folder (they are left in place); default: the workspace's feedback/ folder, whose files are moved to feedback/read/")
    .option('--mailbox', 'read only the bounce mailbox (IMAP) of the sending settings')
    .option('--json', 'print JSON')
    .action((options: { folder?: string; mailbox?: boolean; json?: boolean }, command: Command) =>
      withWorkspace(command, async (services) => {
        if (options.folder !== undefined && options.mailbox) throw new CliError('give --folder or --mailbox, not both', 2);
        const recorder = new FeedbackRecorder(services.db, services.now);
        const own = feedbackFolder(services.databasePath);
        let folder: MessageOutcome[] = [];
        let mailbox: MessageOutcome[] | null = null;
        if (!options.mailbox) {
          const dir = options.folder === undefined ? own : resolve(options.folder);
          try {
            folder = await readFeedbackFolder(dir, recorder, options.folder === undefined ? { moveReadTo: join(own, 'read') } : {});
          } catch (error) {
            throw new CliError(`could not read the folder ${dir}: ${(error as Error).message}`, 2);
          }
        }
        if (options.folder === undefined) {
          try {
            mailbox = await new FeedbackPoller(services).readMailbox();
          } catch (error) {
            throw new CliError((error as Error).message);
          }
          if (options.mailbox && mailbox === null) throw new CliError('no bounce mailbox is set in the sending settings (bounceMailbox)', 2);
        }
        if (options.json) return printJson({ folder, mailbox });
        if (options.folder === undefined && !options.mailbox) print(`${own}: ${folder.length} file(s)`);
        printOutcomes(folder);
        if (mailbox) {
          print(`bounce mailbox: ${mailbox.length} new message(s)`);
          printOutcomes(mailbox);
        }
      }),
    );
}
