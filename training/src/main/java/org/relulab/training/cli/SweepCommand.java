package org.relulab.training.cli;

import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.relulab.training.sweep.Collect;
import org.relulab.training.sweep.SweepRunner;
import org.relulab.training.sweep.SweepStatus;

/**
 * {@code relulab sweep}: parses the command line of {@code sweep SPEC}, {@code sweep status DIR} and {@code sweep
 * collect DIR}; the work is in {@link org.relulab.training.sweep}.
 */
final class SweepCommand {
    static final String HELP = """
              sweep      a grid of train runs described in a TOML spec (see docs/experiments.md, Sweeps):
                         relulab sweep SPEC [--out DIR] [--jobs N] [--yes] [--dry-run]
                         each point runs as a train child process into DIR/runs/NAME (NAME from its swept
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
                  --dry-run               print each point's train arguments and exit; writes nothing
                relulab sweep status DIR  points pending, running, done, diverged and failed, and why each
                                          failed one failed (exit 0)
                relulab sweep collect DIR gathers the points' results (relulab sweep collect --help)
            """;

    private static final String[] OPTIONS = {"out", "jobs"};
    private static final String[] FLAGS = {"yes", "dry-run"};

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
        List<String> positional = new ArrayList<>(), options = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || a.length() == 2) {
                positional.add(a);
                continue;
            }
            options.add(a);
            boolean takesValue = !a.contains("=") && Arrays.asList(OPTIONS).contains(a.substring(2));
            if (takesValue && i + 1 < args.length) options.add(args[++i]);
        }
        if (positional.size() != 1) {
            throw new UsageException("sweep: expected one spec file (relulab sweep SPEC [--out DIR] [--jobs N] "
                    + "[--yes] [--dry-run], or sweep status DIR), got " + (positional.isEmpty()
                            ? "none"
                            : positional.size() + ": " + String.join(" ", positional)));
        }
        Options o = Options.parse("sweep", options.toArray(String[]::new), OPTIONS, FLAGS);
        int jobs = o.integer("jobs", 0, 1, 4096);
        Path outDir = o.has("out") ? path("--out", o.string("out", "")) : null;
        SweepRunner.sweep(new SweepRunner.Request(path("SPEC", positional.get(0)), outDir, jobs, o.has("yes"),
                o.has("dry-run")), out, err);
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
