package org.relulab.training.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.core.Matrix;

/**
 * {@link CheckpointFile}: exact round trip, options included; torn, altered, old and mismatched files refused with a
 * clear message naming the file.
 */
class CheckpointFileTest {
    @TempDir
    Path tmp;

    private static final Map<String, String> OPTIONS = new LinkedHashMap<>(Map.of("lr", "0.5"));

    static {
        OPTIONS.put("seed", "7");
        OPTIONS.put("teacher", "abs (|x|)");
    }

    private Path sample() throws IOException {
        Matrix w = Matrix.wrap(new float[] {1f, -2.5f, Float.MIN_VALUE, 3e38f, 0f, -0f}, 2, 3);
        Matrix a = Matrix.wrap(new float[] {0.1f, 0.2f}, 1, 2);
        Path f = tmp.resolve("checkpoint.bin");
        CheckpointFile.write(f, 1234, 5.5, OPTIONS, List.of("w", "a"), List.of(w, a));
        return f;
    }

    @Test
    void roundTripIsBitExact() throws IOException {
        CheckpointFile c = CheckpointFile.read(sample());
        assertEquals(1234, c.step());
        assertEquals(5.5, c.seconds());
        assertEquals(List.copyOf(OPTIONS.entrySet()), List.copyOf(c.options().entrySet()), "options, in order");
        assertEquals(List.of("w", "a"), c.names());
        assertArrayEquals(new float[] {1f, -2.5f, Float.MIN_VALUE, 3e38f, 0f, -0f}, c.blocks().get(0));
        Matrix back = Matrix.wrap(new float[6], 2, 3);
        c.restore(0, "w", back);
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(back.get(1, 2)));
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> c.restore(1, "a", Matrix.wrap(new float[3], 1, 3)))
                        .getMessage().startsWith("checkpoint block 1 is a 1x2: expected a 1x3"));
    }

    @Test
    void tornOrAlteredFilesAreRefused() throws IOException {
        Path f = sample();
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length - 7)); // torn
        assertEquals(f + ": CRC mismatch (a torn or altered checkpoint)", refusal(f));
        bytes[30] ^= 1; // altered
        Files.write(f, bytes);
        assertEquals(f + ": CRC mismatch (a torn or altered checkpoint)", refusal(f));
        Files.write(f, new byte[5]);
        assertEquals(f + ": 5 bytes, too short for a checkpoint (a truncated file?)", refusal(f));
    }

    /** Defects behind a valid CRC (what a user who knows the format can write) are refused too. */
    @Test
    void impossibleContentWithAValidCrcIsRefused() throws IOException {
        Path f = sample();
        assertTrue(refusal(withCrc(f, b -> b.putInt(4, 1))).contains("checkpoint version 1 (expected 2: an older"));
        assertTrue(refusal(withCrc(sample(), b -> b.putLong(8, -3))).endsWith("step -3 (expected 0 or more)"));
        assertTrue(refusal(withCrc(sample(), b -> b.putDouble(16, Double.NaN))).endsWith("NaN seconds (expected a "
                + "finite time, 0 or more)"));
        assertTrue(refusal(withCrc(sample(), b -> b.putInt(24, 99_999))).endsWith("99999 options, expected 0 to 1000"));
        assertTrue(refusal(withCrc(sample(), b -> b.putInt(28, 1 << 30))).endsWith("truncated checkpoint (a count or a "
                + "length runs past its end)"));
    }

    private static String refusal(Path f) {
        return assertThrows(IllegalArgumentException.class, () -> CheckpointFile.read(f)).getMessage();
    }

    /** {@code f} changed by {@code edit}, its CRC-32 rewritten to match. */
    private static Path withCrc(Path f, java.util.function.Consumer<ByteBuffer> edit) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        edit.accept(b);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.capacity() - 4);
        b.putInt(b.capacity() - 4, (int) crc.getValue());
        Files.write(f, b.array());
        return f;
    }
}
