// Processes a test or benchmark starts on its own: a free port for a server, and its child
// processes (a primary's workers) read from /proc (Linux).
import fs from 'node:fs';
import net from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The fields of /proc/<pid>/stat after the command name: [0] state, [1] parent pid, [11] user and [12] system CPU ticks. */
export function procStat(pid: number): string[] {
  return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
}

/** The pids of the running processes whose parent is `pid`. */
export function childrenOf(pid: number): number[] {
  return fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).filter((entry) => {
    try {
      return Number(procStat(Number(entry))[1]) === pid;
    } catch {
      return false; // ended meanwhile
    }
  }).map(Number);
}
