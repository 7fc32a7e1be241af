package org.relulab.training.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.relulab.training.experiment.Experiment;
import org.relulab.training.experiment.ExperimentSettings;
import org.relulab.training.experiment.Experiments;
import org.relulab.training.failure.FileProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code relulab reproduce EXPERIMENT [--quick] [--out DIR] [--threads T] [--jobs N] [--specs DIR]}: parses the
 * command line and runs one of {@link Experiments#ALL} into {@code results/reproduce/EXPERIMENT(-quick)} unless
 * {@code --out} says otherwise. Every experiment is made of sweeps of preset specs, so each takes the sweep runner's
 * {@code --jobs} and {@code --specs DIR}, a folder of edited copies of its preset specs.
 */
@Command(name = "reproduce", header = ReproduceCommand.HEADER, description = ReproduceCommand.DESCRIPTION)
final class ReproduceCommand implements CliCommand {
    static final String HEADER = "a paper's experiment: its sweeps, then its tables and plots";
    static final String DESCRIPTION = "A paper's experiment: runs the spec files of sweeps/presets/NAME/ "
            + "(NAME-quick/ with --quick) through the sweep runner into --out DIR/SWEEP/ (a rerun skips finished "
            + "points), then writes the paper's tables and plots in DIR";

    @Parameters(arity = "0..1", paramLabel = "EXPERIMENT", description = "lmz20, zywg19, as21, beyond-ntk or all19")
    String name;

    @Option(names = "--quick", arity = "0", description = "the small version of the experiment (minutes, not hours)")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", description = "the results folder [results/reproduce/EXPERIMENT"
            + "(-quick)]")
    String out;

    @Option(names = "--jobs", paramLabel = "N", description = "points at once [cores / threads per point]")
    String jobs;

    @Option(names = "--threads", paramLabel = "T", description = "GEMM threads per point where the spec sets none "
            + "[cores / jobs]")
    String threads;

    @Option(names = "--specs", paramLabel = "DIR", description = "edited copies of the preset's spec files, same "
            + "names: the same report over your grid")
    String specs;

    /** The command's picocli model, its footer the usage of every experiment. */
    static CommandSpec spec() {
        CommandSpec spec = CommandSpec.forAnnotatedObject(new ReproduceCommand());
        StringBuilder sb = new StringBuilder();
        for (Experiment e : Experiments.ALL) sb.append(e.help().replace("%", "%%"));
        spec.usageMessage().footerHeading("%nExperiments:%n").footer(sb.toString().split("\n"));
        return spec;
    }

    @Override
    public void run(PrintStream out, PrintStream err) {
        String names = String.join("|", Experiments.ALL.stream().map(Experiment::name).toList());
        if (name == null) {
            throw new UsageException("reproduce: which experiment? (expected: reproduce " + names + " [--quick])");
        }
        Experiment experiment = Experiments.named(name);
        if (experiment == null) {
            throw new UsageException(
                    "reproduce: unknown experiment '" + name + "' (expected: " + Experiments.names() + ")");
        }
        String command = "reproduce " + experiment.name();
        Path dir = Path.of(this.out != null
                ? this.out
                : "results/reproduce/" + experiment.name() + (quick ? "-quick" : ""));
        try {
            experiment.run(
                    new ExperimentSettings(dir, quick, Options.integer(command, "--threads", threads, 0, 1, 1024),
                            Options.integer(command, "--jobs", jobs, 0, 1, 1024),
                            specs == null ? null : Path.of(specs)),
                    out,
                    err);
        } catch (IllegalArgumentException e) { // a value, an output folder or a size the experiment refused
            throw new UsageException(command + ": " + e.getMessage());
        } catch (IOException e) {
            throw FileProblem.of("writing", dir, e);
        }
    }
}
