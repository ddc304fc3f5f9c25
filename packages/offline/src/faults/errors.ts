/** A delivery the injector failed on purpose. */
export class InjectedFaultError extends Error {
  override readonly name = 'InjectedFaultError';
}
