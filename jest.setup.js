// Tests assert on what they capture; the rest of the mesh's JSON logs would only bury jest's report.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
