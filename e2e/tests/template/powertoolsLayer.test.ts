import path from 'node:path';
import { packageService, resourcesOfType, type CloudFormationTemplate } from '@mesh/testing';
import { POWERTOOLS_LAYER_PARAMETER } from '@mesh/infra';

const SERVICES = ['orders', 'inventory', 'payments', 'notifications'] as const;
const servicesDir = path.resolve(__dirname, '../../../services');

/**
 * What `serverless package` makes of the Powertools layer: every function runs with it, as a reference that
 * CloudFormation resolves in the stack's region (the template names no region and no layer number).
 */
describe.each(SERVICES)('the Powertools layer in %s, as packaged', (service) => {
  let template: CloudFormationTemplate;
  beforeAll(async () => {
    template = await packageService(path.join(servicesDir, service), 'ci');
  }, 180_000);

  it("runs every function with the installed release's layer and no other layer", () => {
    const functions = Object.entries(resourcesOfType(template, 'AWS::Lambda::Function'));
    expect(functions.length).toBeGreaterThan(0);
    for (const [id, fn] of functions) {
      expect({ id, layers: fn.Properties.Layers }).toEqual({
        id,
        layers: [{ 'Fn::Sub': `{{resolve:ssm:${POWERTOOLS_LAYER_PARAMETER}}}` }],
      });
    }
  });
});
