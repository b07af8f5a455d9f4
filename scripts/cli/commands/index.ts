import type { AnyCommand } from '../command';
import { reportCommand } from './report';
import { resumeCommand } from './resume';
import { runCommand } from './run';
import { schemaCommand } from './schema';
import { statusCommand } from './status';

/** The command table: one row per command, in the order `seisless --help` lists them. */
export const commandTable: readonly AnyCommand[] = [
  runCommand,
  statusCommand,
  resumeCommand,
  reportCommand,
  schemaCommand,
];
