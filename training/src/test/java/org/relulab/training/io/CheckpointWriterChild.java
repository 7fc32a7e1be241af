package org.relulab.training.io;

import java.nio.file.Path;
import java.util.List;
import org.relulab.core.Matrix;

/**
 * The child process of {@link CheckpointKillTest}: writes {@code checkpoint.bin} in the folder it is given over and
 * over, a 16 MB checkpoint whose step and values count up, and prints each step once its write has returned.
 */
public final class CheckpointWriterChild {
    private CheckpointWriterChild() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]).resolve("checkpoint.bin");
        float[] values = new float[2_000 * 2_000];
        for (long step = 1;; step++) {
            java.util.Arrays.fill(values, step);
            CheckpointFile.write(file, step, step, java.util.Map.of("seed", "1"), List.of("w"),
                    List.of(Matrix.wrap(values, 2_000, 2_000)));
            System.out.println(step);
            System.out.flush();
        }
    }
}
