/** The one CLI kit of every command: flags and help, signals, progress, tables. */
export { UsageError } from './errors';
export { parseArgs, parseFlags, describeArgs, type ArgSpec, type ParsedArgs, type ParsedFlags } from './parseArgs';
export { runUntilSignal, runMain, processIo, type CliIo } from './runUntilSignal';
export { untilSignal, type SignalWatch } from './untilSignal';
export { step, type StepEvent, type OnStep } from './steps';
export { progressDisplay } from './progressDisplay';
export { progressBar, type Progress } from './progressBar';
export { formatTable } from './formatTable';
