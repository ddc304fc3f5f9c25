import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The one convention of a service (STYLE.md, "Sameness across services"): the same role has the same file
 * name in every service, so a reader who knows one knows them all and `npm run new` writes exactly this.
 */
const root = path.resolve(__dirname, '../../../..');
const servicesDir = path.join(root, 'services');
const withFunctions = readdirSync(servicesDir)
  .filter((name) => existsSync(path.join(servicesDir, name, 'src', 'functions')))
  .sort();
const has = (service: string, file: string) => existsSync(path.join(servicesDir, service, file));
const dirsIn = (dir: string) =>
  existsSync(dir) ? readdirSync(dir).filter((name) => statSync(path.join(dir, name)).isDirectory()) : [];
const filesIn = (dir: string) =>
  existsSync(dir) ? readdirSync(dir).filter((name) => statSync(path.join(dir, name)).isFile()) : [];

describe.each(withFunctions)('the %s service', (service) => {
  it.each([
    'README.md',
    'serverless.ts',
    'src/declarations.ts',
    'src/dependencies.ts',
    'src/errors.ts',
    'tests/unit',
    'tests/template',
  ])('has %s', (file) => {
    expect(has(service, file)).toBe(true);
  });

  it('keeps nothing but serverless.ts, package.json and README.md at its root', () => {
    expect(filesIn(path.join(servicesDir, service)).sort()).toEqual(['README.md', 'package.json', 'serverless.ts']);
  });

  it('gives every function a folder holding its config.ts and handler.ts', () => {
    const functions = dirsIn(path.join(servicesDir, service, 'src', 'functions'));
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) {
      expect([
        fn,
        has(service, `src/functions/${fn}/config.ts`),
        has(service, `src/functions/${fn}/handler.ts`),
      ]).toEqual([fn, true, true]);
    }
  });

  it('wraps its routes in http/httpHandler.ts, reads its caller in http/caller.ts and maps its errors in http/problem.ts when it has an API', () => {
    const http = path.join(servicesDir, service, 'src', 'http');
    const roles = ['httpHandler.ts', 'caller.ts', 'problem.ts'];
    expect(roles.filter((file) => existsSync(http) && !has(service, `src/http/${file}`))).toEqual([]);
  });

  it('keeps its table behind a store port, store/<Name>Store.ts, with its DynamoDB adapter beside it', () => {
    const store = filesIn(path.join(servicesDir, service, 'src', 'store'));
    const ports = store.filter((f) => /^[A-Z]\w*Store\.ts$/.test(f) && !/^(Dynamo|S3)/.test(f));
    expect(ports.length).toBeGreaterThan(0);
    expect(store.some((f) => /^Dynamo\w+Store\.ts$/.test(f))).toBe(true);
  });
});
