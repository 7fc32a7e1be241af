package org.relulab.training.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.core.Matrix;

/** {@link CheckpointFile}: exact round trip; torn, altered and mismatched files refused with a clear message. */
class CheckpointFileTest {
    @TempDir
    Path tmp;

    private Path sample() throws IOException {
        Matrix w = Matrix.wrap(new float[] {1f, -2.5f, Float.MIN_VALUE, 3e38f, 0f, -0f}, 2, 3);
        Matrix a = Matrix.wrap(new float[] {0.1f, 0.2f}, 1, 2);
        Path f = tmp.resolve("checkpoint.bin");
        CheckpointFile.write(f, 1234, 5.5, List.of("w", "a"), List.of(w, a));
        return f;
    }

    @Test
    void roundTripIsBitExact() throws IOException {
        CheckpointFile c = CheckpointFile.read(sample());
        assertEquals(1234, c.step());
        assertEquals(5.5, c.seconds());
        assertEquals(List.of("w", "a"), c.names());
        assertArrayEquals(new float[] {1f, -2.5f, Float.MIN_VALUE, 3e38f, 0f, -0f}, c.blocks().get(0));
        Matrix back = Matrix.wrap(new float[6], 2, 3);
        c.restore(0, "w", back);
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(back.get(1, 2)));
        assertTrue(assertThrows(IOException.class, () -> c.restore(1, "a", Matrix.wrap(new float[3], 1, 3)))
                .getMessage().startsWith("checkpoint block 1 is a 1x2: expected a 1x3"));
    }

    @Test
    void tornOrAlteredFilesAreRefused() throws IOException {
        Path f = sample();
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length - 7)); // torn
        assertTrue(assertThrows(IOException.class, () -> CheckpointFile.read(f)).getMessage()
                .endsWith("CRC mismatch (a torn or altered checkpoint)"));
        bytes[30] ^= 1; // altered
        Files.write(f, bytes);
        assertTrue(assertThrows(IOException.class, () -> CheckpointFile.read(f)).getMessage()
                .endsWith("CRC mismatch (a torn or altered checkpoint)"));
        Files.write(f, new byte[5]);
        assertTrue(assertThrows(IOException.class, () -> CheckpointFile.read(f)).getMessage()
                .endsWith("5 bytes, too short for a checkpoint"));
    }
}
