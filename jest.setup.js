// Tests assert on what they capture; the rest of the mesh's JSON logs would only bury jest's report.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
// Tracing is a no-op outside Lambda anyway; EMF metrics lines are asserted by the tests that enable them.
process.env.POWERTOOLS_TRACE_ENABLED ??= 'false';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
