package org.relulab.training.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A text output of a run (a plot, a manifest), written in UTF-8 the way every output is written: atomically, through
 * {@link AtomicFile}, so that a reader never sees half a file, and with a failure that names the file.
 */
public final class TextFile {
    private TextFile() {}

    /** Writes {@code text} to {@code file}, replacing it atomically. */
    public static void write(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code content} to {@code file} byte for byte, replacing it atomically (a copy of a user's file). */
    public static void write(Path file, byte[] content) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(content);
        AtomicFile.write(file, ch -> {
            while (bytes.hasRemaining()) ch.write(bytes);
        });
    }
}
