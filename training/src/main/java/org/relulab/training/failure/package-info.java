/**
 * How relulab fails: {@link org.relulab.training.failure.ExitCode} (what each process exit code means),
 * {@link org.relulab.training.failure.Failure} (a one-line failure with its code) and
 * {@link org.relulab.training.failure.FileProblem} (the one place an I/O exception becomes a failure).
 */
package org.relulab.training.failure;
