/** A command-line value the user must correct (exit code 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A setting the user must fix, or a setup that forbids the action here (exit code 78). */
export class SetupError extends Error {
  override readonly name = 'SetupError';
}
