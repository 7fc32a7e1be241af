package org.relulab.training.cli;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Command;

/**
 * {@code relulab demo}, also {@code relulab} alone: LMZ20's experiment at its Fig. 1 size (d = 30, m = 100 > 2d,
 * n = 10⁴, |·| learner and teacher, norm-tied output, full-batch GD) for {@link #STEPS} steps, about a minute on 2
 * cores: {@code train} with its defaults.
 */
@Command(name = "demo", header = "(default) LMZ20 at its Fig. 1 size, about a minute", description = {
        "(default) the LMZ20 experiment at its Fig. 1 size, about a minute: train "
                + "with its defaults, results in runs/demo-DATE-TIME"})
final class DemoCommand implements CliCommand {
    static final long STEPS = 20_000;

    @Override
    public void run(PrintStream out, PrintStream err) {
        String dir = "runs/demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        out.println("relulab demo: LMZ20 teacher f*(x) = (1/d) sum |x_i|, d = 30; student with m = 100 |.| units and "
                + "norm-tied output; full-batch GD on 10000 samples, " + STEPS
                + " steps (see ./relulab train --help for your own runs)");
        TrainCommand.run(new String[] {"--steps", Long.toString(STEPS), "--out", dir}, out, err);
    }
}
