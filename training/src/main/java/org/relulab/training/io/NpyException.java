package org.relulab.training.io;

/**
 * A .npy file that cannot be read as asked (missing, malformed, an unsupported dtype or the wrong shape):
 * a user's mistake, reported as one line that names the file, the bad value and what was expected.
 */
public final class NpyException extends IllegalArgumentException {
    public NpyException(String message) {
        super(message);
    }
}
