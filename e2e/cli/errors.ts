// A problem with what the CLI was asked to do (a missing build, file or profile): it is
// reported as one line, without a stack, and the CLI exits with 1.
export class SetupError extends Error {
  override name = 'SetupError';
}
