import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatWithOptions } from 'node:util';
import { step } from '@mesh/cli';
import { startEventSourceMappings } from '../pollers';
import { provisionTemplate } from '../provision';
import { applyParams, paramPlaceholder } from '@mesh/infra';
import { parseFailureLog } from '../trace';
import { readComposeFile, resolveParams, type ComposeService } from './composeFile';
import { BUNDLED_SERVERLESS_PLUGINS, bundleServerlessPlugins } from './bundleServerlessPlugin';
import { createLambdaRouter } from './createLambdaRouter';
import { MeshStartError } from './errors';
import { freePort } from './freePort';
import type { MeshService, StartedMesh, StartMeshOptions } from './meshTypes';
import { selectServices, stepNameOf } from './selectServices';
import { apiKindsOf, functionNamesOf, functionsOf } from './templateFacts';
import { offlineReferences } from './offlineReferences';
import { packageServiceTemplate, type PackagedService, type PackagedTemplate } from './packageServiceTemplate';
import { OFFLINE_SEED_KEY, readOfflineSeed } from './readOfflineSeed';
import { writeOfflineSeed } from './writeOfflineSeed';
import { startBasePathProxy, type StartedBasePathProxy } from './startBasePathProxy';
import { startEmulators, type StartedEmulators } from './startEmulators';
import {
  startOfflineService,
  type StartedOfflineService,
  type StartOfflineServiceOptions,
} from './startOfflineService';

const DEFAULT_ACCOUNT_ID = '000000000000';

class Aborted extends Error {}

interface PreparedService {
  meshService: MeshService;
  template: PackagedTemplate;
}

/**
 * Starts the whole offline mesh in one process tree: the emulators behind the edge (see
 * {@link startEmulators}), then every service of `serverless-compose.yml`: its CloudFormation from
 * `serverless package` (cached under `.mesh/` by a hash of its sources, so a warm start skips it), provisioned
 * on the emulators with the compose params resolved from earlier services' outputs, its functions under
 * `serverless offline` (one child per service, reloading changed handlers), and its SQS / DynamoDB event
 * sources polled into them. One REST base URL and one WebSocket base URL front every service by base path.
 * A failure stops what was started and rejects with {@link MeshStartError}.
 *
 * @example
 * const mesh = await startMesh({ stage: 'dev', onStep: (e) => console.log(e.step, e.state) });
 * console.log(`AWS_ENDPOINT_URL=${mesh.edgeUrl}`, `${mesh.httpUrl}/loans/…`);
 * process.once('SIGINT', () => void mesh.stop());
 */
export async function startMesh(options: StartMeshOptions = {}): Promise<StartedMesh> {
  const started = performance.now();
  const rootDir = path.resolve(options.rootDir ?? process.cwd());
  const stage = options.stage ?? 'dev';
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
  const cacheDir = options.cacheDir ?? path.join(rootDir, '.mesh', 'package');
  // Node's compile cache for every Serverless CLI process the mesh starts: each loads the same few thousand
  // modules (osls, its plugins, the AWS SDK), compiled once per machine instead of once per process.
  const compileCacheDir = path.join(rootDir, '.mesh', 'node-compile-cache');
  const { onStep, signal } = options;

  let compose: ComposeService[];
  try {
    compose = selectServices(
      readComposeFile(options.composeFile ?? path.join(rootDir, 'serverless-compose.yml')),
      options.services,
    );
  } catch (error) {
    throw new MeshStartError('serverless-compose.yml', (error as Error).message, { cause: error });
  }
  // Built once per plugin version, after the first start is ready (not to compete with its packaging for the
  // CPU); until then the services load their plugins as usual.
  const pluginCache = path.join(rootDir, '.mesh', 'plugin-bundles');
  const pluginBundles = await bundleServerlessPlugins(rootDir, pluginCache, { onlyCached: true });

  // Everything started so far, stopped in reverse on failure or abort.
  const pollers: { stop(): Promise<void> }[] = [];
  const offlineServices: StartedOfflineService[] = [];
  const lambdaRouter = createLambdaRouter({ region, accountId });
  // How each service's serverless-offline was started, to start it again (restartService).
  const offlineStarts = new Map<string, StartOfflineServiceOptions>();
  const startRemembered = (start: StartOfflineServiceOptions) => {
    offlineStarts.set(start.serviceName, start);
    return startOfflineService(start);
  };
  let emulators: StartedEmulators | undefined;
  let proxy: StartedBasePathProxy | undefined;
  let consoleServer: { url: string; stop(): Promise<void> } | undefined;
  let failure: unknown;
  const checkAborted = () => {
    if (signal?.aborted) throw new Aborted('aborted');
    if (failure) throw new Aborted('another step failed');
  };

  const stopAll = async () => {
    await Promise.allSettled(pollers.map((poller) => poller.stop()));
    await Promise.allSettled(offlineServices.map((service) => service.stop()));
    lambdaRouter.close();
    await Promise.allSettled([consoleServer?.stop(), proxy?.stop(), emulators?.stop()]);
  };

  const emulatorsReady = startEmulators({
    edgePort: options.edgePort ?? 4566,
    ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
    region,
    accountId,
    ...(options.persistDir ? { persistDir: options.persistDir } : {}),
    ...(onStep ? { onStep } : {}),
  }).then(
    (value) => {
      emulators = value;
      value.edge.setRoute('lambda', lambdaRouter.listener);
      return value;
    },
    (error: unknown) => {
      failure ??= error;
      throw error;
    },
  );
  const proxyReady = step(onStep, 'REST + WebSocket base URLs', () =>
    startBasePathProxy({ httpPort: options.httpPort ?? 3000, websocketPort: options.websocketPort ?? 3001 }),
  ).then((value) => {
    proxy = value;
    return value;
  });

  const outputs: Record<string, Record<string, string>> = {};
  const provisionedOf = new Map<string, Promise<boolean>>();
  // Provisioning follows the compose order (a rule needs its bus), packaging and serving run in parallel.
  let provisionTurn: Promise<unknown> = Promise.resolve();

  const packageService = (service: ComposeService) =>
    // Packaging needs no param's value (placeholders stand in): every service packages from the start, at once.
    step(
      onStep,
      `package ${service.name}`,
      () =>
        packageServiceTemplate({
          rootDir,
          serviceDir: service.dir,
          stage,
          region,
          paramNames: Object.keys(service.params),
          cacheDir,
          bundleConfig: true,
          compileCacheDir,
          // A stage offline is only a name: one packaging serves every stage (each test file runs its own).
          anyStage: true,
        }),
      (result) => (result.cached ? 'cached' : 'packaged'),
    );

  const provisionService = async (service: ComposeService, packaged: PackagedService): Promise<PreparedService> => {
    const upstream = await Promise.all(service.dependsOn.map((name) => provisionedOf.get(name)));
    if (upstream.includes(false)) throw new Aborted(`a service ${service.name} depends on failed`);
    checkAborted();
    const params = resolveParams(service.params, outputs);
    const template = applyParams(packaged.template, params);
    // A malformed seed fails the start whether or not this start seeds: the declaration is wrong either way.
    const seeds = readOfflineSeed(service.name, packaged.custom?.[OFFLINE_SEED_KEY], template);
    const { edgeUrl } = await emulatorsReady;
    const myTurn = provisionTurn.then(async () => {
      checkAborted();
      return step(
        onStep,
        `provision ${service.name}`,
        () =>
          provisionTemplate(template, {
            endpoint: edgeUrl,
            region,
            accountId,
            stage,
            serviceName: packaged.slsServiceName,
            params,
          }),
        (result) => `${result.created.length} created, ${result.ignored.length} ignored`,
      );
    });
    provisionTurn = myTurn.catch(() => undefined);
    const provisioned = await myTurn;
    outputs[service.name] = provisioned.outputs;
    const seeded =
      options.seed && seeds.length > 0
        ? await step(
            onStep,
            `seed ${service.name}`,
            () => writeOfflineSeed(seeds, provisioned, { endpoint: edgeUrl, region }),
            (outcome) => `${outcome.written} written, ${outcome.kept} kept`,
          )
        : undefined;

    const meshService: MeshService = {
      name: service.name,
      dir: service.dir,
      params,
      packagedFromCache: packaged.cached,
      provisioned,
      ...(seeded ? { seeded } : {}),
      functions: functionNamesOf(template),
      queues: provisioned.created
        .filter((r) => r.type === 'AWS::SQS::Queue')
        .map((r) => ({ logicalId: r.logicalId, url: r.physicalId })),
      tables: provisioned.created.filter((r) => r.type === 'AWS::DynamoDB::Table').map((r) => r.physicalId),
    };
    return { meshService, template };
  };

  // serverless-offline starts as soon as its service is packaged — while the emulators boot and the service is
  // provisioned — with placeholders for what is not known yet; the functions read the values at their first
  // invocation from a file written once the service is provisioned (see offlinePreload.cjs).
  const valuesFileOf = (service: ComposeService) =>
    path.join(rootDir, '.mesh', 'offline', stage, `${service.name}.json`);
  const startServiceOffline = async (service: ComposeService, packaged: PackagedService) => {
    if (functionNamesOf(packaged.template).length === 0) return undefined;
    checkAborted();
    const valuesFile = valuesFileOf(service);
    rmSync(valuesFile, { force: true });
    mkdirSync(path.dirname(valuesFile), { recursive: true });
    const [http, lambda, websocket] = [await freePort(), await freePort(), await freePort()];
    const apis = apiKindsOf(packaged.template);
    const offline = await step(
      onStep,
      `serverless offline ${service.name}`,
      () =>
        startRemembered({
          serviceName: service.name,
          serviceDir: service.dir,
          stage,
          region,
          params: Object.fromEntries(Object.keys(service.params).map((name) => [name, paramPlaceholder(name)])),
          valuesFile,
          ...(packaged.configBundle ? { configBundle: packaged.configBundle } : {}),
          compileCacheDir,
          pluginBundles,
          ...(options.inspect ? { inspect: true } : {}),
          ports: { http, lambda, websocket },
          waitFor: apis,
          onLog: (line: string) => {
            // A handler's "message failed" log line carries the reason the failed hop lacks.
            const failure = parseFailureLog(line);
            if (failure) emulators?.hops.noteFailureReason(failure.messageId, failure.reason);
            options.onLog?.(service.name, line);
          },
        }),
      (result) => result.lambdaEndpoint,
    );
    offlineServices.push(offline);
    return { offline, apis, ports: { http, websocket } };
  };

  const serveService = async (
    service: ComposeService,
    { meshService, template }: PreparedService,
    started: Awaited<ReturnType<typeof startServiceOffline>>,
  ): Promise<void> => {
    if (!started) return;
    checkAborted();
    const { offline, apis, ports } = started;
    const { edgeUrl, internal } = await emulatorsReady;
    const valuesFile = valuesFileOf(service);
    writeFileSync(
      `${valuesFile}.tmp`,
      JSON.stringify({
        references: offlineReferences(meshService.provisioned, region, accountId),
        params: meshService.params,
        env: { AWS_ENDPOINT_URL: edgeUrl, AWS_ENDPOINT_URL_DYNAMODB: internal.dynamodb },
      }),
    );
    renameSync(`${valuesFile}.tmp`, valuesFile);
    const basePaths = await proxyReady;
    meshService.offline = {
      pid: offline.pid,
      lambdaEndpoint: offline.lambdaEndpoint,
      ...(apis.http ? { httpUrl: offline.httpUrl } : {}),
      ...(apis.websocket ? { websocketUrl: offline.websocketUrl } : {}),
      ...(offline.inspectorUrl ? { inspectorUrl: offline.inspectorUrl } : {}),
    };
    for (const [name, properties] of functionsOf(template))
      lambdaRouter.addFunction(name, offline.lambdaEndpoint, properties);
    basePaths.setTarget(meshService.name, {
      ...(apis.http ? { http: ports.http } : {}),
      ...(apis.websocket ? { websocket: ports.websocket } : {}),
    });
    checkAborted();
    const mappings = meshService.provisioned.eventSourceMappings;
    if (mappings.length > 0) {
      const log = options.onLog;
      const logger = log
        ? {
            warn: (...parts: unknown[]) => log(meshService.name, formatWithOptions({ colors: false }, ...parts)),
            error: (...parts: unknown[]) => log(meshService.name, formatWithOptions({ colors: false }, ...parts)),
          }
        : undefined;
      const poller = await step(
        onStep,
        `event sources ${meshService.name}`,
        async () =>
          startEventSourceMappings(mappings, {
            endpoint: edgeUrl,
            // The pollers read fauxqs and DynamoDB Local themselves: the edge would only add a hop.
            sqsEndpoint: internal.sqs,
            streamsEndpoint: internal.dynamodb,
            lambdaEndpoint: offline.lambdaEndpoint,
            region,
            hops: (await emulatorsReady).hops,
            service: meshService.name,
            ...(logger ? { logger } : {}),
            ...(options.faults ? { faults: options.faults } : {}),
          }),
        () => `${mappings.length} mapping(s)`,
      );
      pollers.push(poller);
    }
  };

  const chains = compose.map((service) => {
    const packaging = packageService(service);
    const provisioning = packaging.then((packaged) => provisionService(service, packaged));
    provisionedOf.set(
      service.name,
      provisioning.then(
        () => true,
        () => false,
      ),
    );
    const serving = packaging.then((packaged) => startServiceOffline(service, packaged));
    return (async () => {
      // Both settle before this chain does, so whatever serverless-offline started is known to stopAll.
      const [provisioned, started] = await Promise.allSettled([provisioning, serving]);
      if (provisioned.status === 'rejected') throw provisioned.reason;
      if (started.status === 'rejected') throw started.reason;
      await serveService(service, provisioned.value, started.value);
      return provisioned.value.meshService;
    })().catch((error: unknown) => {
      failure ??= error;
      throw error;
    });
  });

  const onAbort = () => {
    failure ??= new Aborted('aborted');
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  // The console needs only the emulators (its queues and hops): it starts beside the services.
  const consoleOption = options.console;
  const consoleReady =
    consoleOption === undefined
      ? Promise.resolve(undefined)
      : emulatorsReady.then((ready) =>
          step(
            onStep,
            'console',
            () =>
              consoleOption
                .start({
                  hops: ready.hops,
                  edgeUrl: ready.edgeUrl,
                  stage,
                  region,
                  port: consoleOption.port,
                  repoRoot: rootDir,
                })
                .then((value) => (consoleServer = value))
                .catch((error: Error) => {
                  throw new MeshStartError('console', error.message, { cause: error });
                }),
            (value) => value.url,
          ),
        );
  const settled = await Promise.allSettled([emulatorsReady, proxyReady, consoleReady, ...chains]);
  signal?.removeEventListener('abort', onAbort);

  // The failure that came first is the cause; later ones are often its consequences.
  const firstFailure =
    (failure && !(failure instanceof Aborted) ? failure : undefined) ??
    settled.find((s): s is PromiseRejectedResult => s.status === 'rejected' && !(s.reason instanceof Aborted))
      ?.reason ??
    (signal?.aborted ? new Aborted('aborted') : undefined);
  if (firstFailure) {
    await stopAll();
    if (firstFailure instanceof MeshStartError) throw firstFailure;
    if (firstFailure instanceof Aborted) throw new MeshStartError('start', 'interrupted before the mesh was ready');
    const message = firstFailure instanceof Error ? firstFailure.message : String(firstFailure);
    throw new MeshStartError(stepNameOf(firstFailure), message, { cause: firstFailure });
  }

  const services = settled
    .slice(3)
    .map((s) => (s as PromiseFulfilledResult<MeshService>).value)
    .filter(Boolean);
  const readyEmulators = emulators!;
  const readyProxy = proxy!;
  let stopped: Promise<void> | undefined;
  // Kills a service's process group and starts it again on the same ports (see restartService).
  const restarts = new Map<string, Promise<void>>();
  const restartNow = async (name: string): Promise<void> => {
    const start = offlineStarts.get(name);
    const meshService = services.find((service) => service.name === name);
    if (!start || !meshService?.offline) throw new MeshStartError('restart', `${name} runs no serverless offline`);
    const index = offlineServices.findIndex((service) => service.serviceName === name);
    const running = offlineServices[index];
    if (running) {
      try {
        process.kill(-running.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await running.stop();
    }
    const next = await startOfflineService(start);
    if (stopped) {
      await next.stop();
      return;
    }
    offlineServices[index < 0 ? offlineServices.length : index] = next;
    meshService.offline.pid = next.pid;
  };
  // The plugin bundles missing, built now that the start is ready; a stop waits for them, so the next start
  // (the bench's, a test's) finds them and no build is cut off.
  const pluginBundling =
    pluginBundles.length < BUNDLED_SERVERLESS_PLUGINS.length
      ? bundleServerlessPlugins(rootDir, pluginCache).catch(() => undefined)
      : undefined;
  return {
    edgeUrl: readyEmulators.edgeUrl,
    httpUrl: readyProxy.httpUrl,
    websocketUrl: readyProxy.websocketUrl,
    stage,
    region,
    services,
    ignored: services.flatMap((s) => s.provisioned.ignored.map((i) => ({ service: s.name, ...i }))),
    readyMs: performance.now() - started,
    ...(consoleServer ? { consoleUrl: consoleServer.url } : {}),
    emulators: readyEmulators,
    hops: readyEmulators.hops,
    restartService(name) {
      // One restart of a service at a time: a second one waits for the first (two would race for its ports).
      const previous = restarts.get(name) ?? Promise.resolve();
      const next = previous.catch(() => undefined).then(() => restartNow(name));
      restarts.set(name, next);
      return next;
    },
    stop() {
      stopped ??= Promise.all([stopAll(), pluginBundling]).then(() => undefined);
      return stopped;
    },
  };
}
