import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';

const DOVECOT = '/usr/sbin/dovecot';

/**
 * A real IMAP server for tests: Debian's Dovecot (`apt-get install dovecot-imapd`; .ci/run installs it), started as
 * the current user on a free port of 127.0.0.1 with a configuration of its own in a temporary folder (maildir, one
 * user with a plain password, no TLS), and stopped by close(). Run as root, Dovecot's own unprivileged users
 * (dovenull, dovecot) serve the logins and the mail.
 */
export async function startImapServer(): Promise<{
  port: number;
  user: string;
  password: string;
  /** Puts messages in the user's INBOX with IMAP APPEND, as mail arriving there. */
  deliver(messages: readonly Buffer[]): Promise<void>;
  close(): Promise<void>;
}> {
  if (!existsSync(DOVECOT)) {
    throw new Error(`the IMAP tests need Dovecot at ${DOVECOT}: apt-get install dovecot-imapd (.ci/run installs it)`);
  }
  const version = spawnSync(DOVECOT, ['--version'], { encoding: 'utf8' }).stdout.trim();
  if (!/^2\.3\./.test(version)) throw new Error(`this helper writes a Dovecot 2.3 configuration; found Dovecot ${version}`);

  const dir = mkdtempSync(join(tmpdir(), 'journey-studio-imap-'));
  chmodSync(dir, 0o755); // Dovecot's unprivileged processes go through it to the mail and the sockets
  const mail = join(dir, 'mail');
  mkdirSync(mail);
  const port = await freePort();
  const user = 'bounces';
  const password = 'bounce-secret';
  const me = userInfo();
  const root = me.uid === 0;
  // Dovecot refuses to serve logins or mail as root: as root, its packaged users do.
  const loginUser = root ? 'dovenull' : me.username;
  const internalUser = root ? 'dovecot' : me.username;
  const mailUid = root ? systemId('/etc/passwd', 'dovecot') : me.uid;
  const mailGid = root ? systemGroupOf('dovecot') : me.gid;
  const internalGroup = root ? 'dovecot' : groupName(me.gid);
  if (root) chownSync(mail, mailUid, mailGid);
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}\n`);
  const config = join(dir, 'dovecot.conf');
  writeFileSync(
    config,
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${mail}/%u
first_valid_uid = ${Math.min(mailUid, 500)}
default_login_user = ${loginUser}
default_internal_user = ${internalUser}
default_internal_group = ${internalGroup}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${mailUid} gid=${mailGid} home=${mail}/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
`,
  );
  const child: ChildProcess = spawn(DOVECOT, ['-F', '-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const log = () => (existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8') : '');
  try {
    await waitForPort(port, child, () => `${stderr}${log()}`);
  } catch (error) {
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  return {
    port,
    user,
    password,
    async deliver(messages) {
      const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false });
      await client.connect();
      try {
        for (const message of messages) await client.append('INBOX', Buffer.from(message.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1'));
      } finally {
        await client.logout();
      }
    },
    async close() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`dovecot exited at start (code ${child.exitCode}): ${output()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`dovecot did not listen on 127.0.0.1:${port} within 15 s: ${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A user's or group's numeric id from /etc/passwd or /etc/group. */
function systemId(file: string, name: string): number {
  const line = readFileSync(file, 'utf8')
    .split('\n')
    .find((entry) => entry.split(':')[0] === name);
  if (!line) throw new Error(`no ${name} in ${file}: is dovecot-imapd installed?`);
  return Number(line.split(':')[2]);
}

function systemGroupOf(user: string): number {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.split(':')[0] === user);
  if (!line) throw new Error(`no ${user} in /etc/passwd: is dovecot-imapd installed?`);
  return Number(line.split(':')[3]);
}

function groupName(gid: number): string {
  const line = readFileSync('/etc/group', 'utf8')
    .split('\n')
    .find((entry) => Number(entry.split(':')[2]) === gid);
  return line ? line.split(':')[0] : String(gid);
}
