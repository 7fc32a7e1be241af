package org.relulab.training.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.relulab.core.Kernels;
import org.relulab.training.config.RunConfig;
import org.relulab.training.failure.Failure;
import org.relulab.training.failure.FileProblem;
import org.relulab.training.sweep.LocalSweep;
import org.relulab.training.sweep.RunResult;
import org.relulab.training.sweep.SweepFolder;
import org.relulab.training.sweep.SweepPoint;

/**
 * Runs the sweeps of a reproduction on this machine. {@link #run} runs a {@link SweepExperiment}: it reads and checks
 * every one of its specs, their points (each one its report can describe), their memory and their folders before
 * anything runs; runs each sweep ({@link LocalSweep#run}: --jobs points at once, each with --threads GEMM threads where
 * the spec sets none, the runner's defaults where the command gives none); then hands the finished runs to the
 * experiment's report. A point that did not finish stops the reproduction with the sweep's exit code 6 before the
 * report; rerunning the same command finishes it. {@link #prepare} and {@link #run(Sweep, PrintStream, PrintStream)}
 * are the two halves, for an experiment whose later sweeps depend on earlier ones (all19).
 */
final class PresetRunner {
    /**
     * A sweep of a reproduction, checked and ready to run.
     *
     * @param experiment the experiment's name, for messages
     * @param spec       its spec
     * @param points     its points
     * @param folder     its folder, {@code --out DIR/NAME}
     * @param jobs       points at once
     * @param threads    GEMM threads of a point whose spec sets none
     */
    record Sweep(String experiment, PresetSpecs spec, List<SweepPoint> points, SweepFolder folder, int jobs,
            int threads) {}

    private PresetRunner() {}

    static void run(SweepExperiment e, ExperimentSettings s, PrintStream out, PrintStream err) throws IOException {
        requireReproductionFolder(e.name(), s.out(), e.sweeps());
        List<Sweep> sweeps = new ArrayList<>();
        for (String name : e.sweeps()) {
            PresetSpecs spec = PresetSpecs.read(e.name(), s.quick(), name, s.specs());
            sweeps.add(prepare(e.name(), spec, s.out().resolve(name), s, e::requireReportable));
        }
        Map<String, List<PresetRuns.Run>> done = new LinkedHashMap<>();
        for (int i = 0; i < sweeps.size(); i++) done.put(e.sweeps().get(i), run(sweeps.get(i), out, err));
        e.report(new PresetRuns(s.out(), done, reportThreads(s)), out);
    }

    /**
     * Refuses (exit 2) a reproduction folder {@code dir} that is not a folder, or that holds files but none of
     * {@code sweeps} as a sweep's folder: reproduce writes into a new or empty folder, or into an earlier reproduction
     * of the same experiment, whose sweeps it resumes and whose report files it rewrites.
     */
    static void requireReproductionFolder(String experiment, Path dir, List<String> sweeps) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw Failure.usage("reproduce " + experiment + ": --out " + dir + " is not a folder");
        }
        if (!Files.isDirectory(dir)) return;
        for (String name : sweeps) if (new SweepFolder(dir.resolve(name)).isSweep()) return;
        try (Stream<Path> files = Files.list(dir)) {
            if (files.findAny().isPresent()) {
                throw Failure.usage("reproduce " + experiment + ": --out " + dir + " holds files but no sweep of "
                        + "reproduce " + experiment + " (expected a new or empty folder, or an earlier reproduce "
                        + experiment + "'s folder to resume)");
            }
        } catch (IOException e) {
            throw FileProblem.of("reading", dir, e);
        }
    }

    /** The GEMM threads of the work a report does itself: --threads, or every core. */
    static int reportThreads(ExperimentSettings s) {
        return s.threadsOr(Kernels.defaultThreads());
    }

    /**
     * Reads and checks {@code spec} (its points, each one {@code reportable} accepts (it throws an
     * {@link IllegalArgumentException} naming the reason for one it refuses), their memory run --jobs at once) and its
     * folder {@code dir} (new, empty, or this spec's sweep), writing nothing. A problem is one line with exit code 2.
     */
    static Sweep prepare(String experiment, PresetSpecs spec, Path dir, ExperimentSettings s,
            Consumer<RunConfig> reportable) {
        List<SweepPoint> points = LocalSweep.parse(spec.label(), spec.bytes()).points(false);
        for (SweepPoint p : points) {
            try {
                reportable.accept(p.config(dir));
            } catch (IllegalArgumentException x) {
                throw Failure.usage("reproduce " + experiment + ": " + spec.label() + ", point " + p.name() + ": "
                        + x.getMessage());
            }
        }
        SweepFolder folder = new SweepFolder(dir);
        folder.requireNewEmptyOrSweep();
        int jobs = LocalSweep.jobs(points, s.jobs()), threads = LocalSweep.threads(jobs, s.threads());
        LocalSweep.checkMemory(points, jobs, threads);
        return new Sweep(experiment, spec, points, folder, jobs, threads);
    }

    /** Runs the points of {@code w} that have not finished; its runs, all finished, in the spec's order. */
    static List<PresetRuns.Run> run(Sweep w, PrintStream out, PrintStream err) {
        out.printf(Locale.ROOT, "reproduce %s: sweep %s, %d points -> %s%n", w.experiment, w.spec.label(),
                w.points.size(), w.folder.dir());
        LocalSweep.run(w.folder, w.spec.label(), w.spec.bytes(), w.points, w.jobs, w.threads, out, err);
        List<PresetRuns.Run> runs = new ArrayList<>();
        for (SweepPoint p : w.points) {
            Path dir = w.folder.runDir(p.name());
            runs.add(new PresetRuns.Run(p, dir, p.config(dir), RunResult.read(dir, err)));
        }
        return runs;
    }
}
