package org.relulab.training.sweep;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the runner runs one point: {@code train <args> --out DIR/runs/NAME} in a JVM other than its own
 * ({@link PointWorker}, started by {@link #relulab()} with the java binary, class path and JVM flags of the current
 * process), so that a crash or an out-of-memory of one point never ends the sweep. The runner adds two
 * options the spec may leave out: {@code --threads} (the GEMM threads per point) and {@code --checkpoint-every}
 * ({@link #checkpointEvery}, so that a killed point resumes).
 */
public final class PointRun {
    /** The command-line entry the child runs (a name: the sweep package does not depend on the command line's). */
    static final String MAIN = "org.relulab.training.cli.Main";

    /** The number of checkpoints a point writes when its spec sets no --checkpoint-every. */
    public static final int CHECKPOINTS = 20;

    private PointRun() {}

    /**
     * The checkpoint interval the runner gives a point of {@code steps} steps whose spec sets none: about
     * {@link #CHECKPOINTS} checkpoints a run, {@code max(1, steps / 20)}, which is at least 1 and below the steps as
     * train requires; 0 (none: such a point restarts from scratch) for a run of a single step.
     */
    public static long checkpointEvery(long steps) {
        return steps < 2 ? 0 : Math.max(1, steps / CHECKPOINTS);
    }

    /**
     * train's arguments for {@code point}, writing to {@code runDir}: the spec's options (its arguments()), then
     * {@code --threads threads} and {@code --checkpoint-every} where the spec sets neither, then {@code --out}.
     */
    public static List<String> trainArguments(SweepPoint point, int threads, Path runDir) {
        List<String> args = new ArrayList<>(point.arguments());
        if (!point.options().containsKey("threads")) {
            args.add("--threads");
            args.add(Integer.toString(threads));
        }
        if (!point.options().containsKey("checkpoint-every")) {
            long every = checkpointEvery(point.config(runDir).steps());
            if (every > 0) {
                args.add("--checkpoint-every");
                args.add(Long.toString(every));
            }
        }
        args.add("--out");
        args.add(runDir.toString());
        return args;
    }

    /**
     * train's arguments to resume the failed run of {@code point} in {@code runDir} from its checkpoint: its spec's
     * --threads, else this sweep's {@code threads} (the count changes no number, so a resume on other CPUs may differ
     * from the first attempt).
     */
    public static List<String> resumeArguments(SweepPoint point, int threads, Path runDir) {
        String t = point.options().getOrDefault("threads", Integer.toString(threads));
        return List.of("--resume", runDir.toString(), "--threads", t);
    }

    /**
     * The command that starts relulab's command line in a new JVM like this one: the same java binary, the same JVM
     * flags (the Vector API's module, -Xmx, -D properties; a debugger's agent left out) and class path.
     */
    public static List<String> relulab() {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (flag.startsWith("-agentlib:jdwp") || flag.startsWith("-Xrunjdwp") || flag.equals("-Xdebug")) continue;
            cmd.add(flag);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MAIN);
        return cmd;
    }
}
