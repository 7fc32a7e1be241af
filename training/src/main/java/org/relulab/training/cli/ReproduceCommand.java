package org.relulab.training.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.relulab.training.experiment.Experiment;
import org.relulab.training.experiment.ExperimentSettings;
import org.relulab.training.experiment.Experiments;
import org.relulab.training.failure.FileProblem;

/**
 * {@code relulab reproduce EXPERIMENT [--quick] [--out DIR] [--threads T] [--jobs N] [--specs DIR]}: parses the
 * command line and runs one of {@link Experiments#ALL} into {@code results/reproduce/EXPERIMENT(-quick)} unless
 * {@code --out} says otherwise. Every experiment is made of sweeps of preset specs, so each takes the sweep runner's
 * {@code --jobs} and {@code --specs DIR}, a folder of edited copies of its preset specs.
 */
final class ReproduceCommand {
    private ReproduceCommand() {}

    /** The usage lines of every experiment. */
    static String help() {
        StringBuilder sb = new StringBuilder();
        for (Experiment e : Experiments.ALL) sb.append(e.help());
        return sb.append("""
                             every reproduce runs the spec files of sweeps/presets/NAME/ (NAME-quick/ with
                             --quick) through the sweep runner into --out DIR/SWEEP/ (a rerun skips finished
                             points), then writes the paper's tables and plots in DIR:
                  --jobs N                points at once [cores / threads per point]
                  --threads T             GEMM threads per point where the spec sets none [cores / jobs]
                  --specs DIR             edited copies of the preset's spec files, same names: the same report
                                          over your grid
                """).toString();
    }

    static void run(String[] args, PrintStream out, PrintStream err) {
        String names = String.join("|", Experiments.ALL.stream().map(Experiment::name).toList());
        if (args.length == 0 || args[0].startsWith("--")) {
            throw new UsageException("reproduce: which experiment? (expected: reproduce " + names + " [--quick])");
        }
        Experiment experiment = Experiments.named(args[0]);
        if (experiment == null) {
            throw new UsageException(
                    "reproduce: unknown experiment '" + args[0] + "' (expected: " + Experiments.names() + ")");
        }
        String command = "reproduce " + experiment.name();
        List<String> optionNames = new ArrayList<>(List.of("out", "threads", "jobs", "specs"));
        Options o = Options.parse(command, Arrays.copyOfRange(args, 1, args.length), optionNames.toArray(String[]::new),
                new String[] {"quick"});
        boolean quick = o.has("quick");
        Path dir = Path.of(o.string("out", "results/reproduce/" + experiment.name() + (quick ? "-quick" : "")));
        try {
            String specs = o.string("specs", null);
            experiment.run(new ExperimentSettings(dir, quick, o.integer("threads", 0, 1, 1024),
                    o.integer("jobs", 0, 1, 1024), specs == null ? null : Path.of(specs)), out, err);
        } catch (IllegalArgumentException e) { // a value, an output folder or a size the experiment refused
            throw new UsageException(command + ": " + e.getMessage());
        } catch (IOException e) {
            throw FileProblem.of("writing", dir, e);
        }
    }
}
