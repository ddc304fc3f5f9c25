import { MESH_METRICS, metricsNamespace } from '@mesh/bus';
import { MESH_METRIC_NAMES, meshMetricsNamespace } from '@mesh/infra';

// The bus writes the metrics and infra's dashboards read them; neither package may import the other's tests,
// so the check that they agree sits above both.
describe('the metrics the bus writes and the dashboards read', () => {
  it('have the same names and namespace', () => {
    expect(MESH_METRICS).toEqual(MESH_METRIC_NAMES);
    expect(metricsNamespace('loans')).toBe(meshMetricsNamespace('loans'));
  });
});
