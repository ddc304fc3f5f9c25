/** A `Ref`, `Fn::GetAtt` or `Fn::Sub` variable that names nothing the offline mesh knows. */
export class UnresolvableReferenceError extends Error {
  override readonly name = 'UnresolvableReferenceError';
}

/** An intrinsic function the offline provisioner does not evaluate (e.g. `Fn::If`). */
export class UnsupportedIntrinsicError extends Error {
  override readonly name = 'UnsupportedIntrinsicError';
}

/** Resources whose references (or `DependsOn`) form a cycle: CloudFormation refuses such a template too. */
export class CircularDependencyError extends Error {
  override readonly name = 'CircularDependencyError';
}

/** A resource of the template could not be created or updated on the offline mesh. */
export class ProvisionResourceError extends Error {
  override readonly name = 'ProvisionResourceError';
  constructor(
    readonly logicalId: string,
    readonly type: string,
    cause: unknown,
  ) {
    super(`could not provision ${logicalId} (${type}): ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
}

/** An existing table's key schema differs from the template's: DynamoDB cannot change keys in place. */
export class TableReplacementRequiredError extends Error {
  override readonly name = 'TableReplacementRequiredError';
}
