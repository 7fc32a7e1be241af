package org.relulab.training.experiment;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.relulab.training.cli.Main;

/** What the reproduce tests share: relulab's command line run in this JVM, with what it printed. */
final class ReproduceFixture {
    /** A command's exit code and what it printed on each stream. */
    record Outcome(int code, String out, String err) {}

    private ReproduceFixture() {}

    /** Runs {@code relulab ARGS} in this JVM. */
    static Outcome relulab(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
