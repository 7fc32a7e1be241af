package org.relulab.training.failure;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The one place an {@link IOException} becomes a {@link Failure}: one line naming the path, what relulab was doing
 * and what went wrong, with the exit code that says whose problem it is — the input's (a missing file, a path
 * under a file: {@link ExitCode#USAGE}) or the environment's (permission, disk full, an I/O error:
 * {@link ExitCode#ENVIRONMENT}).
 */
public final class FileProblem {
    private FileProblem() {}

    /**
     * The failure for {@code e}, raised while {@code doing} (for example "reading", "writing") {@code path};
     * {@code path} may be null when the exception names its own file.
     */
    public static Failure of(String doing, Path path, IOException e) {
        String file = e instanceof FileSystemException f && f.getFile() != null
                ? f.getFile()
                : path == null ? "?" : path.toString();
        String what = reason(e);
        return new Failure(exitCode(e), "cannot " + verb(doing) + " " + file + ": " + what);
    }

    /**
     * {@code e} as an exception that names {@code file}: {@code e} itself when it is a {@link FileSystemException}
     * (which names its files), else one for {@code file} with e's reason, caused by e. The JDK reports a full disk, a
     * file too large or an I/O error without the file; writers pass what they throw through this, so that the one
     * line names the file that failed rather than only its folder.
     */
    public static IOException naming(Path file, IOException e) {
        if (e instanceof FileSystemException) return e;
        String m = e.getMessage();
        FileSystemException named = new FileSystemException(file.toString(), null,
                m == null || m.isBlank() ? "I/O error (" + e.getClass().getSimpleName() + ")" : m);
        named.initCause(e);
        return named;
    }

    private static String verb(String doing) {
        return switch (doing) {
            case "reading" -> "read";
            case "writing" -> "write";
            case "creating" -> "create";
            case "deleting" -> "delete";
            case "locking" -> "lock";
            default -> doing;
        };
    }

    static ExitCode exitCode(IOException e) {
        if (e instanceof NoSuchFileException || e instanceof NotDirectoryException
                || e instanceof FileAlreadyExistsException || e instanceof DirectoryNotEmptyException
                || e instanceof FileSystemLoopException) {
            return ExitCode.USAGE;
        }
        String reason = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (reason.contains("not a directory") || reason.contains("file name too long")
                || reason.contains("is a directory") || reason.contains("too many levels of symbolic links")) {
            return ExitCode.USAGE;
        }
        return ExitCode.ENVIRONMENT;
    }

    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) return "no such file or directory";
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NotDirectoryException) return "not a directory";
        if (e instanceof FileAlreadyExistsException) return "already exists";
        if (e instanceof DirectoryNotEmptyException) return "directory not empty";
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason().toLowerCase(Locale.ROOT);
        String m = e.getMessage();
        if (m == null || m.isBlank()) return e.getClass().getSimpleName();
        return m.toLowerCase(Locale.ROOT).startsWith("no space left") ? "no space left on device" : m;
    }
}
