package org.relulab.training.cli;

import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.relulab.training.sweep.Collect;
import org.relulab.training.sweep.LocalSweep;
import org.relulab.training.sweep.SlurmSweep;
import org.relulab.training.sweep.SweepStatus;

/**
 * {@code relulab sweep}: parses the command line of {@code sweep SPEC}, {@code sweep status DIR} and {@code sweep
 * collect DIR}; the work is in {@link org.relulab.training.sweep}.
 */
final class SweepCommand {
    static final String HELP = """
              sweep      a grid of train runs described in a TOML spec (see docs/experiments.md, Sweeps):
                         relulab sweep SPEC [--out DIR] [--jobs N] [--yes] [--dry-run]
                         each point runs train in a worker JVM into DIR/runs/NAME (NAME from its swept
                         options), its output in DIR/logs/NAME.log; the spec is copied to DIR/sweep.toml and the
                         points listed in DIR/points.csv. Rerunning the same command skips finished points (done
                         or diverged), resumes failed ones from their checkpoints (or starts them over, the old
                         folder moved to DIR/failed/) and leaves points another process runs to it. A failed or
                         diverged point never stops the others. Exit 0 when every point finished (done or
                         diverged), 6 when some did not (rerun to retry them), 5 when DIR's sweep is running
                  --out DIR               the sweep's folder: new, empty, or this spec's sweep to resume
                                          [runs/NAME for the spec NAME.toml]
                  --jobs N                points at once [cores / threads per point: the cores without
                                          oversubscribing; threads per point: the spec's --threads, else 1]
                                          each point gets --threads max(1, cores / N) unless the spec sets it,
                                          and --checkpoint-every max(1, steps / 20) unless the spec sets it
                  --yes                   run a grid of more than a million points
                  --dry-run               print each point's train arguments and exit; writes nothing (with
                                          --slurm: prepares DIR and writes the sbatch script, submits nothing)
                  --slurm                 submit the sweep to Slurm as one job array instead of running it here;
                                          each task runs relulab sweep --task I on the shared file system, into
                                          the same DIR (rerun or resubmit to finish what a task left)
                  --slurm-opt OPT         an sbatch option for the job, as --slurm-opt --partition=debug; repeat it
                                          for more (--time, --account, --mem ...)
                  --chunk C               with --slurm: points per array task [1]
                relulab sweep status DIR  points pending, running, done, diverged and failed, and why each
                                          failed one failed (exit 0)
                relulab sweep collect DIR gathers the points' results (relulab sweep collect --help)
            """;

    private static final String[] OPTIONS = {"out", "jobs", "chunk", "task"};
    private static final String[] FLAGS = {"yes", "dry-run", "slurm"};

    private SweepCommand() {}

    static void run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("collect")) {
            Collect.run(Arrays.copyOfRange(args, 1, args.length), out, err);
            return;
        }
        if (args.length > 0 && args[0].equals("status")) {
            status(Arrays.copyOfRange(args, 1, args.length), out);
            return;
        }
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.print(HELP);
            return;
        }
        List<String> positional = new ArrayList<>(), options = new ArrayList<>(), slurmOptions = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--slurm-opt") || a.startsWith("--slurm-opt=")) { // repeatable: gathered here
                if (a.contains("=")) slurmOptions.add(a.substring(a.indexOf('=') + 1));
                else if (i + 1 < args.length) slurmOptions.add(args[++i]);
                else
                    throw new UsageException("sweep: option --slurm-opt needs a value (as --slurm-opt --time=1:00:00)");
                continue;
            }
            if (!a.startsWith("--") || a.length() == 2) {
                positional.add(a);
                continue;
            }
            options.add(a);
            boolean takesValue = !a.contains("=") && Arrays.asList(OPTIONS).contains(a.substring(2));
            if (takesValue && i + 1 < args.length) options.add(args[++i]);
        }
        Options o = Options.parse("sweep", options.toArray(String[]::new), OPTIONS, FLAGS);
        if (o.has("task")) {
            task(o, positional, out, err);
            return;
        }
        if (positional.size() != 1) {
            throw new UsageException("sweep: expected one spec file (relulab sweep SPEC [--out DIR] [--jobs N] "
                    + "[--yes] [--dry-run] [--slurm ...], or sweep status DIR), got " + (positional.isEmpty()
                            ? "none"
                            : positional.size() + ": " + String.join(" ", positional)));
        }
        if (!o.has("slurm") && (!slurmOptions.isEmpty() || o.has("chunk"))) {
            throw new UsageException("sweep: --slurm-opt and --chunk apply only with --slurm");
        }
        if (o.has("slurm") && o.has("jobs")) {
            throw new UsageException("sweep: --jobs applies to a sweep run here, not with --slurm (Slurm runs the "
                    + "array's tasks as its CPUs allow)");
        }
        int jobs = o.integer("jobs", 0, 1, 4096);
        Path outDir = o.has("out") ? path("--out", o.string("out", "")) : null;
        LocalSweep.Request request = new LocalSweep.Request(path("SPEC", positional.get(0)), outDir, jobs,
                o.has("yes"), o.has("dry-run"));
        if (o.has("slurm")) SlurmSweep.submit(request, slurmOptions, o.integer("chunk", 1, 1, 1_000_000), out);
        else LocalSweep.sweep(request, out, err);
    }

    /** {@code sweep --task I [--chunk C] DIR}: one Slurm array task (the sbatch script writes this line). */
    private static void task(Options o, List<String> positional, PrintStream out, PrintStream err) {
        if (positional.size() != 1) {
            throw new UsageException(
                    "sweep --task: expected the sweep's folder (relulab sweep --task I --chunk C DIR)");
        }
        int task = o.integer("task", 0, 0, Integer.MAX_VALUE - 1), chunk = o.integer("chunk", 1, 1, 1_000_000);
        SlurmSweep.task(path("DIR", positional.get(0)), task, chunk, out, err);
    }

    private static void status(String[] args, PrintStream out) {
        if (args.length != 1 || args[0].startsWith("--")) {
            throw new UsageException("sweep status: expected one folder, the --out of a sweep (relulab sweep status "
                    + "DIR)");
        }
        SweepStatus.report(path("DIR", args[0]), out);
    }

    private static Path path(String what, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException("sweep: " + what + " '" + value + "' is not a path: " + e.getReason());
        }
    }
}
