package org.relulab.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.core.Matrix;
import org.relulab.training.failure.ExitCode;
import org.relulab.training.io.Npy;

/**
 * A divergence names the loss that stopped being finite: test inputs that are finite but huge (1e30) overflow the
 * test loss while the train loss stays finite, and the message must not quote the finite one.
 */
class DivergenceMessageTest {
    private static final int N = 32, D = 4;

    @TempDir
    Path tmp;

    @Test
    void aTestLossThatOverflowsIsTheOneNamed() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        float[] x = new float[N * D], big = new float[N * D], y = new float[N];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i);
            big[i] = 1e30f * (float) Math.sin(i);
        }
        for (int i = 0; i < N; i++) y[i] = (float) Math.cos(i);
        Npy.write(data.resolve("x_train.npy"), Matrix.wrap(x, N, D));
        Npy.write(data.resolve("x_test.npy"), Matrix.wrap(big, N, D));
        Npy.write(data.resolve("y_train.npy"), y.clone());
        Npy.write(data.resolve("y_test.npy"), y.clone());
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(sink, true, StandardCharsets.UTF_8);
        int code = Main.run(new String[] {"train", "--data", data.toString(), "--m", "8", "--steps", "2", "--out",
                tmp.resolve("out").toString()}, ps, ps);
        String log = sink.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCode.DIVERGED.code(), code, log);
        assertTrue(log.contains("the test loss became Infinity at step 0"), log);
    }
}
