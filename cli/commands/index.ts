/** The command registry: one line per command (each lives in its own file here). */
import type { Command } from '../command';
import average from './average';
import field from './field';
import metrics from './metrics';
import plot from './plot';
import sample from './sample';
import schedule from './schedule';
import tilted from './tilted';
import train from './train';
import evaluate from './evaluate';
import world from './world';
import worlds from './worlds';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
// biome-ignore lint/suspicious/noExplicitAny: each command has its own flag record; the list only dispatches by name
export const COMMANDS: readonly Command<any>[] = [worlds, world, schedule, sample, field, tilted, metrics, plot, train, average, evaluate];
