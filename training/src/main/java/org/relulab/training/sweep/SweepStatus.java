package org.relulab.training.sweep;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.relulab.training.failure.Failure;
import org.relulab.training.run.RunLock;

/**
 * {@code relulab sweep status DIR}: how many points of the sweep in DIR are pending, running, done, diverged and
 * failed ({@link PointStatus}), whether its driver runs now, and each failed point with its one-line reason. Reads
 * only; the points come from DIR/sweep.toml.
 */
public final class SweepStatus {
    private SweepStatus() {}

    /** Prints the report of the sweep in {@code dir}; refuses (exit 2) a folder that holds no sweep. */
    public static void report(Path dir, PrintStream out) {
        SweepFolder folder = new SweepFolder(dir);
        if (!folder.isSweep()) {
            throw Failure.usage("sweep status: " + dir + " holds no " + SweepFolder.SPEC
                    + " (expected the --out folder of a sweep)");
        }
        List<SweepPoint> points = SpecParser.parse(folder.spec()).points(true);
        Map<PointState, Integer> counts = new EnumMap<>(PointState.class);
        List<String> failed = new ArrayList<>(), running = new ArrayList<>();
        for (SweepPoint p : points) {
            PointStatus s = folder.status(p.name());
            counts.merge(s.state(), 1, Integer::sum);
            if (s.state() == PointState.FAILED) failed.add(p.name() + ": " + s.reason());
            if (s.state() == PointState.RUNNING) running.add(p.name() + ": " + s.reason());
        }
        String driver = RunLock.holder(dir);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "sweep %s: %d points:", dir, points.size()));
        for (PointState state : PointState.values()) {
            line.append(state == PointState.PENDING ? " " : ", ").append(counts.getOrDefault(state, 0)).append(' ')
                    .append(state.key());
        }
        line.append(driver != null ? "; its sweep is running (" + driver + ")" : "; no sweep is running on it");
        out.println(line);
        String job = SlurmSweep.jobId(dir);
        if (job != null) out.println("  Slurm job " + job + ": " + SlurmSweep.queueState(job));
        for (String r : running) out.println("  running " + r);
        for (String f : failed) out.println("  failed  " + f);
    }
}
