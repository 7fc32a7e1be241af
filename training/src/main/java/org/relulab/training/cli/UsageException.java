package org.relulab.training.cli;

import org.relulab.training.failure.ExitCode;
import org.relulab.training.failure.Failure;

/** A user mistake on the command line: printed as one line, exit code 2, never a stack trace. */
public final class UsageException extends Failure {
    public UsageException(String message) {
        super(ExitCode.USAGE, message);
    }
}
