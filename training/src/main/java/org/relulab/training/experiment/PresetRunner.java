package org.relulab.training.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.relulab.core.Kernels;
import org.relulab.training.failure.Failure;
import org.relulab.training.sweep.LocalSweep;
import org.relulab.training.sweep.RunResult;
import org.relulab.training.sweep.SweepFolder;
import org.relulab.training.sweep.SweepPoint;
import org.relulab.training.sweep.SweepSpec;

/**
 * Runs a {@link SweepExperiment}: reads and checks every one of its specs, their points (each one its report can
 * describe), their memory and their folders before anything runs; runs each sweep on this machine
 * ({@link LocalSweep#run}: --jobs points at once, each with --threads GEMM threads where the spec sets none, the
 * runner's defaults where the command gives none); then hands the finished runs to the experiment's report. A point
 * that did not finish stops the reproduction with the sweep's exit code 6 before the report; rerunning the same
 * command finishes it.
 */
final class PresetRunner {
    private record Sweep(String name, PresetSpecs spec, List<SweepPoint> points, SweepFolder folder, int jobs,
            int threads) {}

    private PresetRunner() {}

    static void run(SweepExperiment e, ExperimentSettings s, PrintStream out, PrintStream err) throws IOException {
        List<Sweep> sweeps = new ArrayList<>();
        for (String name : e.sweeps()) {
            PresetSpecs spec = PresetSpecs.read(e.name(), s.quick(), name, s.specs());
            SweepSpec parsed = LocalSweep.parse(spec.label(), spec.bytes());
            List<SweepPoint> points = parsed.points(false);
            for (SweepPoint p : points) {
                try {
                    e.requireReportable(p.config(s.out()));
                } catch (IllegalArgumentException x) {
                    throw Failure.usage("reproduce " + e.name() + ": " + spec.label() + ", point " + p.name() + ": "
                            + x.getMessage());
                }
            }
            SweepFolder folder = new SweepFolder(s.out().resolve(name));
            folder.requireNewEmptyOrSweep();
            int jobs = LocalSweep.jobs(points, s.jobs()), threads = LocalSweep.threads(jobs, s.threads());
            LocalSweep.checkMemory(points, jobs, threads);
            sweeps.add(new Sweep(name, spec, points, folder, jobs, threads));
        }
        Map<String, List<PresetRuns.Run>> done = new LinkedHashMap<>();
        for (Sweep w : sweeps) {
            out.printf(Locale.ROOT, "reproduce %s: sweep %s, %d points -> %s%n", e.name(), w.spec.label(),
                    w.points.size(), w.folder.dir());
            LocalSweep.run(w.folder, w.spec.label(), w.spec.bytes(), w.points, w.jobs, w.threads, out, err);
            List<PresetRuns.Run> runs = new ArrayList<>();
            for (SweepPoint p : w.points) {
                Path dir = w.folder.runDir(p.name());
                runs.add(new PresetRuns.Run(p, dir, p.config(dir), RunResult.read(dir, err)));
            }
            done.put(w.name, runs);
        }
        e.report(new PresetRuns(s.out(), done, s.threadsOr(Kernels.defaultThreads())), out);
    }
}
