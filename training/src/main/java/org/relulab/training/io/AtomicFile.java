package org.relulab.training.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.relulab.training.failure.FileProblem;

/**
 * Writes a file so that its final name only ever holds a complete file: the bytes go to a hidden
 * temporary file in the same folder, are forced to disk, and the temporary file is renamed over the
 * target in one atomic step. A crash or an exception leaves the old file (or none) under the final name.
 * An I/O failure names the file ({@link FileProblem#naming}): a full disk is reported for the file it stopped.
 */
final class AtomicFile {
    /** Writes the content through the channel it is given. */
    interface Content {
        void writeTo(FileChannel ch) throws IOException;
    }

    private AtomicFile() {}

    static void write(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = null;
        try {
            FileChannel ch = null;
            // Our own unique name rather than Files.createTempFile, whose owner-only permissions the rename
            // would carry over to the target: this file gets the folder's usual permissions.
            for (int attempt = 0; ch == null; attempt++) {
                tmp = dir.resolve("." + target.getFileName() + "."
                        + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + ".tmp");
                try {
                    ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException e) {
                    tmp = null;
                    if (attempt == 9) throw e;
                }
            }
            try (FileChannel c = ch) {
                content.writeTo(c);
                c.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (Throwable t) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    t.addSuppressed(e);
                }
            }
            if (t instanceof IOException e) throw FileProblem.naming(file, e);
            throw t;
        }
        syncFolder(dir);
    }

    /**
     * Deletes the temporary files that writes of {@code file} left behind when their process was killed before
     * the rename (their names are {@code .NAME.XXXXXXXX.tmp}); returns how many. Only for a file that no other
     * process is writing.
     */
    static int deleteLeftovers(Path file) throws IOException {
        Path target = file.toAbsolutePath();
        String prefix = "." + target.getFileName() + ".";
        int deleted = 0;
        try (java.nio.file.DirectoryStream<Path> entries = Files.newDirectoryStream(target.getParent(), p -> {
            String n = p.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(".tmp") && n.length() == prefix.length() + 8 + 4;
        })) {
            for (Path p : entries) {
                if (Files.deleteIfExists(p)) deleted++;
            }
        }
        return deleted;
    }

    /**
     * Forces the folder's entry for the renamed file to disk, so the rename itself survives a power loss.
     * Linux allows fsync on a folder opened for reading; where a platform refuses (Windows), the rename is
     * still atomic, only not yet durable, so that refusal is ignored.
     */
    private static void syncFolder(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // see above: durability of the rename is best effort
        }
    }
}
