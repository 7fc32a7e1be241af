package org.relulab.training.sweep;

import java.io.IOException;
import java.io.PrintStream;
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
 * Runs a sweep on this machine: every point that has not finished, {@code jobs} at a time, each job slot's points
 * one after the other in a worker JVM of its own ({@link PointWorker}, running train with {@link PointRun}'s
 * arguments), each into its run folder of the sweep's folder ({@link SweepFolder}). A point that finished
 * (done or diverged) is skipped, one that another process runs is left to it, and a failed one is resumed from its
 * checkpoint or, without one, moved aside and started over ({@link #runPoint}). A failed or diverged point never stops
 * the others. The sweep's exit: normal when every point finished, else {@link ExitCode#SWEEP_INCOMPLETE}. A
 * SIGTERM or Ctrl-C stops the workers (a shutdown hook), each point leaving its last checkpoint for the rerun.
 */
public final class SweepRunner {
    /**
     * What became of one point in this run.
     *
     * @param point    the point
     * @param before   its state when the runner came to it
     * @param after    its state when its process ended (the same as before for one not run)
     * @param action   what the runner did
     * @param exitCode the last child's exit code, or -1 when none ran
     * @param seconds  the wall time of its attempts
     */
    public record PointResult(SweepPoint point, PointStatus before, PointStatus after, Action action, int exitCode,
            double seconds) {}

    /** What the runner did with a point. */
    public enum Action {
        /** Finished before (done or diverged): nothing to do. */
        SKIPPED,
        /** Another process runs it: left to it. */
        RUNNING_ELSEWHERE,
        /** Ran from its start (a new point, or a failed one moved aside). */
        FRESH,
        /** Ran on from its checkpoint with train --resume. */
        RESUMED,
        /** Not started: the sweep was being stopped. */
        NOT_STARTED,
        /** The runner could not run it: its log or run folder could not be written (the reason says why). */
        NOT_RUN
    }

    /** The least time between two progress lines, but for the last. */
    private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** How long a stopped sweep waits for its workers to end before it kills them. */
    private static final long STOP_SECONDS = 10;

    private final SweepFolder folder;
    private final int jobs;
    private final int threads;
    private final PrintStream out;
    private final PrintStream err;
    /** The worker JVMs now running a point; guarded by itself, with {@link #stopping}. */
    private final Set<Process> live = new LinkedHashSet<>();
    /** Each job slot's worker JVM: a pool thread's, started with its first point. */
    private final ThreadLocal<PointWorker> slotWorker = new ThreadLocal<>();
    /** Every worker started, to end when the points are done; guarded by {@link #live}. */
    private final List<PointWorker> workers = new ArrayList<>();
    private volatile boolean stopping;
    /** Counted down once the summary is printed: a stopping sweep waits for it. */
    private final CountDownLatch summarized = new CountDownLatch(1);

    /**
     * A runner into {@code folder} (prepared, its lock held by the caller): {@code jobs} points at once, each with
     * {@code threads} GEMM threads unless its spec sets them.
     */
    public SweepRunner(SweepFolder folder, int jobs, int threads, PrintStream out, PrintStream err) {
        this.folder = folder;
        this.jobs = jobs;
        this.threads = threads;
        this.out = out;
        this.err = err;
    }

    /**
     * Runs point {@code p} to its end in this thread's worker JVM, blocking: skipped when it finished, left alone when
     * another process runs it, resumed from its checkpoint when it failed with one (a checkpoint train refuses, exit
     * 2, moves the folder aside and starts over), else started fresh, a failed run folder moved aside first
     * ({@link SweepFolder#moveAside}). Each attempt is framed in the point's log ({@link PointLog}). The one step a
     * scheduler's task would run for its point.
     */
    public PointResult runPoint(SweepPoint p) throws IOException {
        PointStatus before = folder.status(p.name());
        if (before.state().finished()) return new PointResult(p, before, before, Action.SKIPPED, -1, 0);
        if (before.state() == PointState.RUNNING) {
            return new PointResult(p, before, before, Action.RUNNING_ELSEWHERE, -1, 0);
        }
        Path run = folder.runDir(p.name()), log = folder.log(p.name());
        long t0 = System.nanoTime();
        int attempt = PointLog.last(log).number() + 1;
        if (before.state() == PointState.FAILED && before.checkpoint()) {
            int code = attempt(log, attempt++, "resume", PointRun.resumeArguments(p, threads, run));
            if (code != ExitCode.USAGE.code()) return result(p, before, Action.RESUMED, code, t0);
            PointLog.note(log, "train refused to resume (above): the point starts over");
        }
        Path aside = folder.moveAside(p.name());
        if (aside != null) PointLog.note(log, "the failed run folder " + run + " was moved to " + aside);
        int code = attempt(log, attempt, "fresh", PointRun.trainArguments(p, threads, run));
        return result(p, before, Action.FRESH, code, t0);
    }

    private PointResult result(SweepPoint p, PointStatus before, Action action, int code, long t0) {
        Action done = code == -1 ? Action.NOT_STARTED : action;
        return new PointResult(p, before, folder.status(p.name()), done, code, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * One attempt: train with {@code args} in this thread's worker JVM ({@link PointWorker}, started when the thread
     * has none alive), its output appended to {@code log} between the runner's two lines; returns its exit code, or -1
     * when the sweep is stopping and it did not start.
     */
    private int attempt(Path log, int number, String what, List<String> args) throws IOException {
        if (stopping) return -1;
        PointLog.begin(log, number, what, args);
        long t0 = System.nanoTime();
        PointWorker w = slotWorker.get();
        synchronized (live) {
            if (stopping) return -1;
            if (w == null || !w.alive()) {
                w = PointWorker.start();
                slotWorker.set(w);
                workers.add(w);
            }
            live.add(w.process());
        }
        int code;
        try {
            code = w.run(log, args, STOP_SECONDS);
        } finally {
            synchronized (live) {
                live.remove(w.process());
            }
        }
        PointLog.end(log, code, (System.nanoTime() - t0) / 1e9);
        return code;
    }

    /**
     * Runs every point that has not finished, {@link #jobs} at once, with one progress line on the error stream as
     * points end and a summary at the end; throws {@link Failure#sweepIncomplete} when a point did not finish.
     */
    public void runAll(List<SweepPoint> points) {
        int total = points.size();
        Map<PointState, Integer> before = new EnumMap<>(PointState.class);
        List<SweepPoint> todo = new ArrayList<>();
        List<PointStatus> elsewhere = new ArrayList<>();
        int resumable = 0;
        for (SweepPoint p : points) {
            PointStatus s = folder.status(p.name());
            before.merge(s.state(), 1, Integer::sum);
            if (s.state() == PointState.FAILED && s.checkpoint()) resumable++;
            if (s.state() == PointState.RUNNING) elsewhere.add(s);
            else if (!s.state().finished()) todo.add(p);
        }
        int skipped = before.getOrDefault(PointState.DONE, 0) + before.getOrDefault(PointState.DIVERGED, 0);
        err.printf(Locale.ROOT, "sweep: %d points in %s: %d finished before, %d to run (%d failed before, %d of "
                + "them to resume from a checkpoint), --jobs %d, --threads %d per point where the spec sets none%n",
                total, folder.dir(), skipped, todo.size(), before.getOrDefault(PointState.FAILED, 0), resumable, jobs,
                threads);
        if (!elsewhere.isEmpty()) {
            err.printf(Locale.ROOT, "sweep: %d point%s running in another process, left to it (%s %s)%n",
                    elsewhere.size(), elsewhere.size() == 1 ? " is" : "s are",
                    elsewhere.get(0).runDir().getFileName(), elsewhere.get(0).reason());
        }
        Tally tally = new Tally(total, skipped, todo.size());
        List<PointResult> results = runEach(todo, tally);
        int notStarted = todo.size() - results.size();
        for (PointResult r : results) if (r.action() == Action.NOT_STARTED) notStarted++;
        List<PointResult> ran = results.stream().filter(r -> r.action() != Action.NOT_STARTED).toList();
        summary(total, skipped, elsewhere, ran, notStarted);
        summarized.countDown();
        int unfinished = elsewhere.size() + notStarted;
        for (PointResult r : ran) if (!r.after().state().finished()) unfinished++;
        if (unfinished > 0) {
            throw Failure.sweepIncomplete("sweep: " + unfinished + " of " + total + " points did not finish ("
                    + (unfinished - elsewhere.size() - notStarted) + " failed, " + elsewhere.size()
                    + " running in another process" + (notStarted > 0 ? ", " + notStarted + " not started" : "")
                    + "): rerun the same command to retry them");
        }
    }

    /** Runs {@code todo} on a pool of {@link #jobs} threads, each waiting on its child; stops them on SIGTERM. */
    private List<PointResult> runEach(List<SweepPoint> todo, Tally tally) {
        List<PointResult> results = new ArrayList<>();
        if (todo.isEmpty()) return results;
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, todo.size()));
        CompletionService<PointResult> done = new ExecutorCompletionService<>(pool);
        Thread hook = new Thread(() -> stop(pool), "relulab-sweep-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            for (SweepPoint p : todo) {
                done.submit(() -> {
                    try {
                        return runPoint(p);
                    } catch (IOException e) {
                        PointStatus s = folder.status(p.name());
                        String why = FileProblem.of("writing", folder.log(p.name()), e).getMessage();
                        return new PointResult(p, s, new PointStatus(PointState.FAILED, why, s.runDir(),
                                s.checkpoint(), s.manifest()), Action.NOT_RUN, -1, 0);
                    }
                });
            }
            while (results.size() < todo.size()) {
                Future<PointResult> f = done.poll(200, TimeUnit.MILLISECONDS);
                if (f == null) {
                    if (stopping && pool.isTerminated() && (f = done.poll()) == null) break; // the rest never ran
                    if (f == null) continue;
                }
                PointResult r = f.get();
                results.add(r);
                tally.ended(r, results.size() == todo.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failure.environment("sweep: interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
            closeWorkers();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs now
            }
        }
        return results;
    }

    /** Ends every worker JVM: their points are done (or the sweep stops). */
    private void closeWorkers() {
        List<PointWorker> all;
        synchronized (live) {
            all = List.copyOf(workers);
            workers.clear();
        }
        for (PointWorker w : all) w.close();
    }

    /**
     * The shutdown hook (SIGTERM, Ctrl-C): no new child starts, the running ones are stopped (SIGTERM, then SIGKILL
     * after {@link #STOP_SECONDS}), and the sweep's summary gets a moment to be printed before the JVM ends.
     */
    private void stop(ExecutorService pool) {
        List<Process> children;
        synchronized (live) {
            stopping = true;
            children = List.copyOf(live);
        }
        if (children.isEmpty()) return;
        err.printf(Locale.ROOT, "sweep: stopping: ending %d running point%s (each resumes from its last checkpoint "
                + "on a rerun of the same command)%n", children.size(), children.size() == 1 ? "" : "s");
        err.flush();
        pool.shutdownNow(); // each worker stops its child and writes the end of its attempt to the log
        try {
            if (!pool.awaitTermination(STOP_SECONDS + 2, TimeUnit.SECONDS)) {
                for (Process c : children) c.destroyForcibly();
            }
            summarized.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            for (Process c : children) c.destroyForcibly();
        }
        out.flush();
        err.flush();
    }

    private void summary(int total, int skipped, List<PointStatus> elsewhere, List<PointResult> results,
            int notStarted) {
        int done = 0, diverged = 0, resumed = 0;
        List<PointResult> failed = new ArrayList<>();
        for (PointResult r : results) {
            if (r.action() == Action.RESUMED) resumed++;
            switch (r.after().state()) {
                case DONE -> done++;
                case DIVERGED -> diverged++;
                default -> failed.add(r);
            }
        }
        failed.sort(Comparator.comparingInt(r -> r.point().index())); // the sweep's order, not the end's
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "sweep: %d points: %d skipped (already finished), %d run (%d done, %d diverged%s), %d failed", total,
                skipped, results.size(), done, diverged,
                resumed > 0 ? "; " + resumed + " resumed from a checkpoint" : "",
                failed.size()));
        if (!failed.isEmpty()) s.append(" (see ").append(folder.log(failed.get(0).point().name())).append(')');
        if (!elsewhere.isEmpty()) s.append(", ").append(elsewhere.size()).append(" running in another process");
        if (notStarted > 0) s.append(", ").append(notStarted).append(" not started (the sweep was stopped)");
        s.append("; runs in ").append(folder.dir().resolve(SweepFolder.RUNS));
        out.println(s);
        int shown = 0;
        for (PointResult r : failed) {
            if (++shown > 10) {
                out.println("  ... and " + (failed.size() - 10) + " more: relulab sweep status " + folder.dir());
                break;
            }
            out.println("  failed " + r.point().name() + ": " + r.after().reason());
        }
    }

    /** The sweep's progress: one line, printed as points end, at most every two seconds but for the last. */
    private final class Tally {
        private final int total;
        private final int skipped;
        private final int toRun;
        private final long t0 = System.nanoTime();
        private int ended;
        private int finished;
        private int diverged;
        private int failed;
        private double attemptSeconds;
        /** When the last line was printed; the first point to end prints one. */
        private long printed = t0 - PROGRESS_NANOS;

        Tally(int total, int skipped, int toRun) {
            this.total = total;
            this.skipped = skipped;
            this.toRun = toRun;
        }

        synchronized void ended(PointResult r, boolean last) {
            ended++;
            attemptSeconds += r.seconds();
            switch (r.after().state()) {
                case DONE -> finished++;
                case DIVERGED -> {
                    finished++;
                    diverged++;
                }
                default -> failed++;
            }
            long now = System.nanoTime();
            if (last || now - printed >= PROGRESS_NANOS) {
                printed = now;
                err.println(line());
            }
        }

        /** "sweep: 12/150 finished (1 diverged), 2 running, 1 failed, 0:41 elapsed, ETA 8:10". */
        synchronized String line() {
            double elapsed = (System.nanoTime() - t0) / 1e9;
            int left = toRun - ended;
            // the points between their start and end: every job busy while points are left (a worker that just
            // ended one starts the next at once), the live children once the sweep stops
            int running;
            synchronized (live) {
                running = stopping ? live.size() : Math.min(jobs, left);
            }
            String eta = ended == 0 ? "?" : clock(attemptSeconds / ended * left / Math.min(jobs, Math.max(left, 1)));
            return String.format(Locale.ROOT, "sweep: %d/%d finished%s, %d running, %d failed, %s elapsed, ETA %s",
                    skipped + finished, total, diverged > 0 ? " (" + diverged + " diverged)" : "", running, failed,
                    clock(elapsed), eta);
        }
    }

    /** 0:41, 1:02:03. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
