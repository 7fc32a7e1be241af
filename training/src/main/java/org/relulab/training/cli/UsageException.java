package org.relulab.training.cli;

/** A user mistake on the command line: printed as one line, exit code 2, never a stack trace. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message, null, false, false);
    }
}
