package org.relulab.training.cli;

import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.relulab.training.sweep.LocalSweep;
import org.relulab.training.sweep.SlurmSweep;
import org.relulab.training.sweep.SweepStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * {@code relulab sweep}: parses the command line of {@code sweep SPEC}, {@code sweep status DIR} and {@code sweep
 * collect DIR}; the work is in {@link org.relulab.training.sweep}.
 */
@Command(name = "sweep", header = SweepCommand.HEADER, description = SweepCommand.DESCRIPTION, subcommands = {
        SweepCommand.Status.class, SweepCommand.Collect.class})
final class SweepCommand implements CliCommand {
    static final String HEADER = "a grid of train runs from a TOML spec, here or on Slurm";
    static final String DESCRIPTION = "A grid of train runs described in a TOML spec (see docs/experiments.md, "
            + "Sweeps): each point runs train in a worker JVM into DIR/runs/NAME (NAME from its swept options), its "
            + "output in DIR/logs/NAME.log; the spec is copied to DIR/sweep.toml and the points listed in "
            + "DIR/points.csv. Rerunning the same command skips finished points (done or diverged), resumes failed "
            + "ones from their checkpoints (or starts them over, the old folder moved to DIR/failed/) and leaves "
            + "points another process runs to it. A failed or diverged point never stops the others. Exit 0 when "
            + "every point finished (done or diverged), 6 when some did not (rerun to retry them), 5 when DIR's sweep "
            + "is running.";

    @Parameters(arity = "0..*", paramLabel = "SPEC", description = "the spec file")
    List<String> positional = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "the sweep's folder: new, empty, or this spec's sweep "
            + "to resume [runs/NAME for the spec NAME.toml]")
    String out;

    @Option(names = "--jobs", paramLabel = "N", description = "points at once [cores / threads per point: the cores "
            + "without oversubscribing; threads per point: the spec's --threads, else 1]; each point gets --threads "
            + "max(1, cores / N) unless the spec sets it, and --checkpoint-every max(1, steps / 20) unless the spec "
            + "sets it")
    String jobs;

    @Option(names = "--yes", arity = "0", description = "run a grid of more than a million points")
    boolean yes;

    @Option(names = "--dry-run", arity = "0", description = "print each point's train arguments and exit; writes "
            + "nothing (with --slurm: prepares DIR and writes the sbatch script, submits nothing)")
    boolean dryRun;

    @Option(names = "--slurm", arity = "0", description = "submit the sweep to Slurm as one job array instead of "
            + "running it here; each task runs relulab sweep --task I on the shared file system, into the same DIR "
            + "(rerun or resubmit to finish what a task left)")
    boolean slurm;

    @Option(names = "--slurm-opt", paramLabel = "OPT", description = "an sbatch option for the job, as --slurm-opt "
            + "--partition=debug; repeat it for more (--time, --account, --mem ...)")
    List<String> slurmOptions = new ArrayList<>();

    @Option(names = "--chunk", paramLabel = "C", description = "with --slurm: points per array task [1]")
    String chunk;

    /** The Slurm array task this process runs: the sbatch script writes it, not people. */
    @Option(names = "--task", paramLabel = "I", hidden = true)
    String task;

    @Override
    public void run(PrintStream out, PrintStream err) {
        if (task != null) {
            task(out, err);
            return;
        }
        if (positional.size() != 1) {
            throw new UsageException("sweep: expected one spec file (relulab sweep SPEC [--out DIR] [--jobs N] "
                    + "[--yes] [--dry-run] [--slurm ...], or sweep status DIR), got " + (positional.isEmpty()
                            ? "none"
                            : positional.size() + ": " + String.join(" ", positional)));
        }
        if (!slurm && (!slurmOptions.isEmpty() || chunk != null)) {
            throw new UsageException("sweep: --slurm-opt and --chunk apply only with --slurm");
        }
        if (slurm && jobs != null) {
            throw new UsageException("sweep: --jobs applies to a sweep run here, not with --slurm (Slurm runs the "
                    + "array's tasks as its CPUs allow)");
        }
        int jobCount = Options.integer("sweep", "--jobs", jobs, 0, 1, 4096);
        Path outDir = this.out != null ? path("--out", this.out) : null;
        LocalSweep.Request request = new LocalSweep.Request(path("SPEC", positional.get(0)), outDir, jobCount, yes,
                dryRun);
        if (slurm) SlurmSweep.submit(request, slurmOptions, chunk(), out);
        else LocalSweep.sweep(request, out, err);
    }

    private int chunk() {
        return Options.integer("sweep", "--chunk", chunk, 1, 1, 1_000_000);
    }

    /** {@code sweep --task I [--chunk C] DIR}: one Slurm array task (the sbatch script writes this line). */
    private void task(PrintStream out, PrintStream err) {
        if (positional.size() != 1) {
            throw new UsageException(
                    "sweep --task: expected the sweep's folder (relulab sweep --task I --chunk C DIR)");
        }
        int index = Options.integer("sweep", "--task", task, 0, 0, Integer.MAX_VALUE - 1);
        SlurmSweep.task(path("DIR", positional.get(0)), index, chunk(), out, err);
    }

    /** {@code relulab sweep status DIR}. */
    @Command(name = "status", description = "points pending, running, done, diverged and failed, and why each failed "
            + "one failed (exit 0)")
    static final class Status implements CliCommand {
        @Parameters(arity = "0..*", paramLabel = "DIR", description = "the --out of a sweep")
        List<String> dirs = new ArrayList<>();

        @Override
        public void run(PrintStream out, PrintStream err) {
            if (dirs.size() != 1) {
                throw new UsageException("sweep status: expected one folder, the --out of a sweep (relulab sweep "
                        + "status DIR)");
            }
            SweepStatus.report(path("DIR", dirs.get(0)), out);
        }
    }

    /**
     * {@code relulab sweep collect DIR ...}: its options are read by {@link org.relulab.training.sweep.Collect}, which
     * has their help too.
     */
    @Command(name = "collect", description = "gathers the points' results into tables and plots")
    static final class Collect implements CliCommand {
        @Unmatched
        List<String> args = new ArrayList<>();

        @Override
        public void run(PrintStream out, PrintStream err) {
            boolean help = args.contains("--help") || args.contains("-h");
            org.relulab.training.sweep.Collect.run(help ? new String[] {"--help"} : args.toArray(String[]::new), out,
                    err);
        }
    }

    private static Path path(String what, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException("sweep: " + what + " '" + value + "' is not a path: " + e.getReason());
        }
    }
}
