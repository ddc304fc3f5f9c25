/* global require, module, setTimeout, clearTimeout, __dirname */
/* eslint-disable @typescript-eslint/no-require-imports -- loaded by the CommonJS preload, not part of the TS build */
// On AWS a function's init (loading its module, up to 10 s) is not counted against its timeout; serverless-
// offline starts the clock when an invocation starts, so a cold start on a busy machine answers 504 (HTTP) or
// a 200 carrying `errorType` (Invoke). The mesh runs serverless-offline with `--noTimeout` and keeps the
// clock here instead, in the one seam serverless-offline offers: the worker thread it creates per function
// instance (WorkerThreadRunner uses only `new Worker`, `postMessage` and `terminate`). The thread starts in
// `lambdaWorkerInit.mjs`, which reports when init is done; an invocation's timeout runs from then (or from
// 10 s into init, AWS's limit), and a timed-out invocation answers what serverless-offline answers
// ("[504] - Lambda timeout.") and ends its thread, which the next invocation starts afresh (a cold start, as
// on AWS).
const path = require('node:path');
const { MessageChannel } = require('node:worker_threads');

const AWS_INIT_LIMIT_MS = 10_000;
const INIT_ENTRY = path.join(__dirname, 'lambdaWorkerInit.mjs');
const OFFLINE_HELPER = path.join('worker-thread-runner', 'workerThreadHelper.js');

/** True for the worker serverless-offline starts to run a Node function. */
function isFunctionWorker(filename) {
  return typeof filename === 'string' && filename.endsWith(OFFLINE_HELPER);
}

/** Makes a `Worker` class whose function workers keep AWS's timeout rules; other workers are left alone. */
function withInitOutsideTimeout(BaseWorker) {
  class FunctionWorker {
    #filename;
    #options;
    #thread;
    #initDone;
    /** Resolves true when the thread's init failed: it serves the invocation in flight, then is replaced. */
    #initFailed;
    /** The invocation in flight: serverless-offline's runner sends one at a time per thread. */
    #pending;

    constructor(filename, options) {
      this.#filename = filename;
      this.#options = options ?? {};
      this.#start();
    }

    #start() {
      const thread = new BaseWorker(INIT_ENTRY, {
        ...this.#options,
        workerData: { ...this.#options.workerData, meshOfflineHelper: this.#filename },
      });
      this.#thread = thread;
      let initFailed;
      this.#initFailed = new Promise((resolve) => (initFailed = resolve));
      this.#initDone = new Promise((resolve) => {
        thread.on('message', (message) => {
          if (message && message.meshInitDone === true) {
            initFailed(message.failed === true);
            resolve();
          }
        });
        thread.once('exit', () => {
          initFailed(false);
          resolve();
        });
      });
      // An uncaught exception ends the thread: fail what it was running rather than let it wait for the
      // timeout, and start a new thread for the next invocation.
      thread.on('error', (error) => this.#lost(thread, error));
      thread.once('exit', (code) => this.#lost(thread, new Error(`Worker stopped with exit code ${code}`)));
    }

    #lost(thread, error) {
      if (this.#thread !== thread) return;
      this.#thread = undefined;
      this.#pending?.(error);
    }

    postMessage(message) {
      if (!this.#thread) this.#start();
      const thread = this.#thread;
      const { port: caller, ...invocation } = message;
      const { port1, port2 } = new MessageChannel();
      let timer;
      let settled = false;
      const initFailed = this.#initFailed;
      const settle = (value) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (this.#pending === settle) this.#pending = undefined;
        port1.close();
        caller.postMessage(value);
        caller.close();
        void initFailed.then((failed) => {
          if (!failed || this.#thread !== thread) return;
          this.#thread = undefined;
          thread.terminate();
        });
      };
      this.#pending = settle;
      port1.once('message', settle);
      thread.postMessage({ ...invocation, port: port2 }, [port2]);

      const timeoutMs = this.#options.workerData?.timeout;
      if (typeof timeoutMs !== 'number') return;
      let initLimit;
      const startClock = () => {
        clearTimeout(initLimit);
        if (settled || timer) return;
        timer = setTimeout(() => {
          settle(new Error('[504] - Lambda timeout.'));
          // The handler may still be running: its thread goes, as serverless-offline's own timeout does.
          if (this.#thread === thread) this.#thread = undefined;
          thread.terminate();
        }, timeoutMs);
      };
      initLimit = setTimeout(startClock, AWS_INIT_LIMIT_MS);
      this.#initDone.then(startClock);
    }

    terminate() {
      const thread = this.#thread;
      this.#thread = undefined;
      return thread ? thread.terminate() : Promise.resolve(0);
    }
  }

  return class MeshWorker extends BaseWorker {
    constructor(filename, options) {
      // A derived constructor may return another object instead of calling super().
      if (isFunctionWorker(filename)) return new FunctionWorker(filename, options);
      super(filename, options);
    }
  };
}

module.exports = { withInitOutsideTimeout };
