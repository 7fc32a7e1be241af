package org.relulab.training.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The one line and the exit code of each kind of file-system problem, as the JDK reports them: the environment's (a
 * full or read-only file system, permission, a file too large, an I/O error: 4) and the input's (a missing file, a
 * path through a file, a link loop: 2); and {@link FileProblem#naming}, which puts the file into the exceptions the
 * JDK throws without one.
 */
class FileProblemTest {
    private static final Path FILE = Path.of("runs", "a", "student_w.npy");

    private static void assertProblem(ExitCode code, String message, String doing, IOException e) {
        Failure f = FileProblem.of(doing, Path.of("runs", "a"), e);
        assertEquals(code, f.exitCode(), message);
        assertEquals(message, f.getMessage());
    }

    @Test
    void environmentProblemsExitWith4() {
        assertProblem(ExitCode.ENVIRONMENT, "cannot write runs/a/student_w.npy: no space left on device", "writing",
                FileProblem.naming(FILE, new IOException("No space left on device")));
        assertProblem(ExitCode.ENVIRONMENT, "cannot write runs/a/student_w.npy: file too large", "writing",
                FileProblem.naming(FILE, new IOException("File too large")));
        assertProblem(ExitCode.ENVIRONMENT, "cannot write runs/a/student_w.npy: input/output error", "writing",
                FileProblem.naming(FILE, new IOException("Input/output error")));
        assertProblem(ExitCode.ENVIRONMENT, "cannot write runs/a/loss.svg: read-only file system", "writing",
                new FileSystemException("runs/a/loss.svg", null, "Read-only file system"));
        assertProblem(ExitCode.ENVIRONMENT, "cannot read data/y_train.npy: permission denied", "reading",
                new AccessDeniedException("data/y_train.npy"));
    }

    @Test
    void inputProblemsExitWith2() {
        assertProblem(ExitCode.USAGE, "cannot read data/x.npy: no such file or directory", "reading",
                new NoSuchFileException("data/x.npy"));
        assertProblem(ExitCode.USAGE, "cannot read data/x.npy: too many levels of symbolic links", "reading",
                new FileSystemException("data/x.npy", null, "Too many levels of symbolic links"));
        assertProblem(ExitCode.USAGE, "cannot write a/b/c.npy: not a directory", "writing",
                new FileSystemException("a/b/c.npy", null, "Not a directory"));
    }

    @Test
    void namingKeepsAnExceptionThatNamesAFileAndWrapsOneThatDoesNot() {
        IOException named = new AccessDeniedException("x");
        assertSame(named, FileProblem.naming(FILE, named));
        IOException bare = new IOException("No space left on device");
        IOException wrapped = FileProblem.naming(FILE, bare);
        assertEquals(FILE.toString(), ((FileSystemException) wrapped).getFile());
        assertSame(bare, wrapped.getCause());
    }
}
