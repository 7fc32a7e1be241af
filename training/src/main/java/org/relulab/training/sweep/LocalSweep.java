package org.relulab.training.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.relulab.core.Provider;
import org.relulab.training.failure.ExitCode;
import org.relulab.training.failure.Failure;
import org.relulab.training.failure.FileProblem;
import org.relulab.training.machine.MachineInfo;
import org.relulab.training.machine.MemoryLimits;
import org.relulab.training.run.RunLock;

/**
 * {@code relulab sweep SPEC} run on this machine: reads and checks the spec (every point, and the memory of the
 * {@code jobs} largest together), takes the sweep folder's lock, prepares the folder and hands its points to a
 * {@link SweepRunner}; or, with {@code --dry-run}, prints what would run. The defaults of --out, --jobs and --threads
 * are here.
 */
public final class LocalSweep {
    /**
     * What {@code relulab sweep} was asked.
     *
     * @param spec   the spec file
     * @param out    the sweep's folder, or null for the default {@link #defaultOut}
     * @param jobs   points at once, or 0 for the default {@link #defaultJobs}
     * @param yes    whether a grid over {@link SweepSpec#HUGE} points may run
     * @param dryRun print the points and their train commands, write nothing
     */
    public record Request(Path spec, Path out, int jobs, boolean yes, boolean dryRun) {}

    private LocalSweep() {}

    /** {@code relulab sweep SPEC}: reads the spec, then prints the points ({@code dryRun}) or runs them. */
    public static void sweep(Request r, PrintStream out, PrintStream err) {
        byte[] bytes = read(r.spec());
        SweepSpec spec = parse(r.spec(), bytes);
        List<SweepPoint> points = spec.points(r.yes());
        int jobs = jobs(points, r.jobs()), threads = threads(jobs, 0);
        SweepFolder folder = new SweepFolder(r.out() != null ? r.out() : defaultOut(r.spec()));
        checkMemory(points, jobs, threads);
        if (r.dryRun()) {
            dryRun(spec, points, folder, jobs, threads, out);
            return;
        }
        run(folder, r.spec(), bytes, points, jobs, threads, out, err);
    }

    /**
     * Runs {@code points}, the grid of the spec in {@code bytes} (read from {@code specFile}), into {@code folder}:
     * takes its lock, prepares it, runs every point that has not finished ({@link SweepRunner#runAll}) and releases
     * the lock. The caller has checked the points' memory ({@link #checkMemory}).
     */
    public static void run(SweepFolder folder, Path specFile, byte[] bytes, List<SweepPoint> points, int jobs,
            int threads, PrintStream out, PrintStream err) {
        RunLock lock = lockAndPrepare(folder, specFile, bytes, points);
        try {
            new SweepRunner(folder, jobs, threads, out, err).runAll(points);
        } finally {
            try {
                lock.close();
            } catch (IOException e) {
                err.println("relulab: sweep: cannot release " + folder.dir().resolve(RunLock.FILE) + ": "
                        + e.getMessage());
            }
        }
    }

    /**
     * Checks that every point fits in this machine's memory alone and the {@code jobs} largest together, each with
     * {@code threads} GEMM threads unless its spec sets them (one line, exit 2, when not: {@link SweepMemory}).
     */
    public static void checkMemory(List<SweepPoint> points, int jobs, int threads) {
        SweepMemory.check(points, jobs, threads, Provider.lookup(), MemoryLimits.current());
    }

    /** The points at once: {@code requested}, or the default {@link #defaultJobs} on this machine when it is 0. */
    public static int jobs(List<SweepPoint> points, int requested) {
        return requested > 0 ? requested : defaultJobs(MachineInfo.cores(), specThreads(points));
    }

    /** The GEMM threads of a point whose spec sets none: {@code requested}, or {@link #defaultThreads} when 0. */
    public static int threads(int jobs, int requested) {
        return requested > 0 ? requested : defaultThreads(MachineInfo.cores(), jobs);
    }

    /** The spec file's bytes: what is parsed is what the folder keeps a copy of. */
    static byte[] read(Path spec) {
        try {
            return Files.readAllBytes(spec);
        } catch (IOException e) {
            throw FileProblem.of("reading", spec, e);
        }
    }

    /**
     * Takes the sweep folder's lock (a folder another sweep holds: exit 5) and prepares the folder: the spec's copy
     * and points.csv ({@link SweepFolder#prepare}). A refused preparation (another spec's folder, say) removes a
     * folder the lock created. The caller closes the returned lock.
     */
    static RunLock lockAndPrepare(SweepFolder folder, Path specFile, byte[] bytes, List<SweepPoint> points) {
        folder.requireNewEmptyOrSweep();
        RunLock lock;
        try {
            lock = RunLock.acquire(folder.dir());
        } catch (IOException e) {
            throw FileProblem.of("creating", folder.dir(), e);
        } catch (Failure e) {
            throw e.exitCode() == ExitCode.BUSY ? Failure.busy("sweep: " + e.getMessage()) : e;
        }
        try {
            folder.prepare(specFile, bytes, points);
            return lock;
        } catch (RuntimeException e) {
            try {
                lock.closeUnused(); // a refused sweep leaves no folder it created behind
            } catch (IOException ignored) { // the refusal is what the user must see
            }
            throw e;
        }
    }

    /** The spec in {@code bytes}, read from {@code file}, parsed (the parser names the file in its errors). */
    public static SweepSpec parse(Path file, byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return SpecParser.parse(file); // reads it again, to refuse it with the parser's own message
        }
        return SpecParser.parse(text, file.toString());
    }

    /** The default sweep folder: runs/NAME for the spec NAME.toml, the same for every rerun of the command. */
    public static Path defaultOut(Path spec) {
        String name = spec.getFileName().toString();
        if (name.endsWith(".toml") && name.length() > 5) name = name.substring(0, name.length() - 5);
        return Path.of("runs", name);
    }

    /**
     * The default --jobs: the cores without oversubscribing them, {@code cores / threads per point} where the spec
     * sets --threads (its largest value), else one point per core; at least 1.
     */
    public static int defaultJobs(int cores, int specThreads) {
        return Math.max(1, cores / Math.max(1, specThreads));
    }

    /** The GEMM threads of a point whose spec sets none: the cores shared among the jobs, at least 1. */
    public static int defaultThreads(int cores, int jobs) {
        return Math.max(1, cores / jobs);
    }

    /** The largest --threads a point of the spec sets, or 0 when none does. */
    static int specThreads(List<SweepPoint> points) {
        int most = 0;
        for (SweepPoint p : points) {
            String t = p.options().get("threads");
            if (t != null) most = Math.max(most, Integer.parseInt(t));
        }
        return most;
    }

    private static void dryRun(SweepSpec spec, List<SweepPoint> points, SweepFolder folder, int jobs, int threads,
            PrintStream out) {
        out.printf(Locale.ROOT, "sweep %s: %d points into %s, --jobs %d, --threads %d per point where the spec sets "
                + "none; each point runs train ARGS in its job slot's worker JVM (%s)%n", spec.source(),
                points.size(), folder.dir(), jobs, threads,
                "java -cp ... " + PointRun.MAIN + " " + PointWorker.COMMAND);
        for (SweepPoint p : points) {
            out.println(p.index() + " " + p.name() + ": train "
                    + String.join(" ", PointRun.trainArguments(p, threads, folder.runDir(p.name()))));
        }
    }
}
