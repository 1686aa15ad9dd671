import { EXIT_USAGE, processIo, type Io } from './io.js';
import { dlq } from './dlq.js';
import { importCommand } from './import.js';
import { load } from './load.js';
import { partner } from './partner.js';
import { rebuild } from './rebuild.js';
import { start, START_HELP } from './start.js';
import { token } from './token.js';

export const HELP = `mpp — the MPP Platform command line

Usage: mpp <command> [options]

Commands:
  start     run one service or all of them in one process (mpp start --help)
  import    import catalog records from a CSV or JSON file (mpp import --help)
  dlq       list or replay dead letters (mpp dlq --help)
  rebuild   rebuild a read model beside the live one, then switch (mpp rebuild --help)
  token     mint a token from the all-in-one demo issuer (mpp token --help)
  partner   a partner agency's Kafka access: add, rotate, remove, list, replay (mpp partner --help)
  load      drive malls' days through the public API and measure (mpp load --help)
  help      show this help

Options:
  -h, --help  show help for mpp or a command

Exit codes: 0 ok, 1 failure, ${EXIT_USAGE} bad command line, 78 bad configuration.
`;

/** Runs the CLI and returns its exit code; never calls process.exit itself. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(HELP);
      return command === undefined ? EXIT_USAGE : 0;
    case 'start':
      return start(rest, io);
    case 'import':
      return importCommand(rest, { ...io, isTTY: process.stderr.isTTY });
    case 'dlq':
      return dlq(rest, io);
    case 'token':
      return token(rest, io);
    case 'partner':
      return partner(rest, io);
    case 'load':
      return load(rest, io);
    case 'rebuild':
      return rebuild(rest, { ...io, isTTY: process.stderr.isTTY });
    default:
      io.err(`mpp: unknown command "${command}"\n\n${HELP}`);
      return EXIT_USAGE;
  }
}

export { START_HELP };
