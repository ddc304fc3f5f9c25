export { runDevCli, DEV_HELP } from './runDev';
export { runEmulatorsCli, EMULATORS_HELP } from './runEmulators';
