export {
  bundleServerlessConfig,
  SERVERLESS_CONFIG_BUNDLE,
  type BundleServerlessConfigOptions,
} from './bundleServerlessConfig';
export { runServerlessPackage, type RunServerlessPackageOptions } from './runServerlessPackage';
export {
  packageTemplate,
  applyParams,
  paramPlaceholder,
  STAGE_PLACEHOLDER,
  type PackageTemplateOptions,
  type PackagedTemplate,
} from './packageTemplate';
export { serverlessCliPath, serverlessCliEnv, paramArgs, ESBUILD_WORK_FOLDER_PRELOAD } from './serverlessCli';
export { bundleNodeFile, type BundleNodeFileOptions } from './bundleNodeFile';
