package org.relulab.training.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny {@code train} run (d = 5, m = 8, n = 64, 60 SGD steps on a cosine schedule, a row every 5 steps, a
 * checkpoint every 10) stopped in this JVM right after it logged step 25, as a kill would stop it: checkpoint.bin at
 * step 20, metrics.csv with rows up to step 25, a manifest without a result. Tests of {@code --resume} start from it.
 */
final class InterruptedRun {
    static final long CHECKPOINT_STEP = 20;

    private static final List<String> ARGS = List.of("train", "--d", "5", "--m", "8", "--n", "64", "--test-n", "64",
            "--optimizer", "sgd", "--batch", "16", "--lr-schedule", "cosine", "--steps", "60", "--log-every", "5",
            "--checkpoint-every", "10", "--threads", "1", "--seed", "3");

    /** What the progress stream throws where the process would have been killed. */
    static final class Killed extends RuntimeException {
        Killed() {
            super("killed", null, false, false);
        }
    }

    private InterruptedRun() {}

    /** The arguments of the run, writing to {@code out}. */
    static String[] args(Path out) {
        List<String> all = new ArrayList<>(ARGS.subList(1, ARGS.size()));
        all.addAll(List.of("--out", out.toString()));
        return all.toArray(String[]::new);
    }

    /** The whole run, never stopped, in {@code out}; returns its exit code. */
    static int whole(Path out) {
        List<String> all = new ArrayList<>(List.of("train"));
        all.addAll(List.of(args(out)));
        return Main.run(all.toArray(String[]::new), sink(), sink());
    }

    /** The run, stopped after the progress line of step 25 (the sixth), in {@code out}. */
    static Path make(Path out) {
        try {
            TrainCommand.run(args(out), sink(), new PrintStream(new LineCounter(6), true, StandardCharsets.UTF_8));
        } catch (Killed expected) {
            return out;
        }
        throw new AssertionError("the run was not stopped");
    }

    private static PrintStream sink() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** Throws {@link Killed} once {@code lines} lines have been written. */
    private static final class LineCounter extends OutputStream {
        private int left;

        LineCounter(int lines) {
            left = lines;
        }

        @Override
        public void write(int b) {
            if (b == '\n' && --left == 0) throw new Killed();
        }
    }
}
