package org.relulab.training.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.relulab.core.Provider;
import org.relulab.training.failure.Failure;
import org.relulab.training.failure.FileProblem;
import org.relulab.training.io.TextFile;
import org.relulab.training.machine.MemoryLimits;
import org.relulab.training.run.RunLock;

/**
 * A sweep on a Slurm cluster: {@link #submit} prepares the sweep folder as a local sweep does and submits one job
 * array ({@link SlurmJob}); each array task runs {@link #task}, its points one after the other through the same
 * {@link SweepRunner} a local sweep uses, into the same folder on the file system the cluster shares. Nothing is
 * kept beside the folders: a task that dies (a node failure, a time limit) leaves its points failed with their
 * checkpoints, and a rerun, local or submitted again, resumes them.
 */
public final class SlurmSweep {
    /** The file in DIR/slurm that holds the id of the last job submitted for the sweep. */
    static final String JOB_ID = "job-id";
    /** How long sbatch may take to answer. */
    private static final long SBATCH_SECONDS = 60;

    private SlurmSweep() {}

    /**
     * {@code relulab sweep SPEC --slurm}: checks the spec, prepares DIR (spec copy, points.csv), writes the sbatch
     * script and, unless {@code dryRun}, submits it; prints the job id and what to run next.
     */
    public static void submit(LocalSweep.Request r, List<String> slurmOptions, int chunk, PrintStream out) {
        byte[] bytes = LocalSweep.read(r.spec());
        List<SweepPoint> points = LocalSweep.parse(r.spec(), bytes).points(r.yes());
        SweepFolder folder = new SweepFolder((r.out() != null ? r.out() : LocalSweep.defaultOut(r.spec()))
                .toAbsolutePath().normalize());
        int cpus = Math.max(1, LocalSweep.specThreads(points));
        SweepMemory.check(points, 1, cpus, Provider.lookup(), MemoryLimits.current()); // one point a task
        // built first: it checks the options before anything is written
        SlurmJob job = new SlurmJob(folder.dir(), points.size(), chunk, cpus, slurmOptions, taskCommand());
        try {
            LocalSweep.lockAndPrepare(folder, r.spec(), bytes, points).close(); // the tasks lock their points
        } catch (IOException e) {
            throw FileProblem.of("writing", folder.dir().resolve(RunLock.FILE), e);
        }
        Path script = job.write();
        out.printf(Locale.ROOT, "sweep: %d points in %s as a Slurm job array of %d task%s (%d point%s each, %d CPU%s "
                + "a task): %s%n", points.size(), folder.dir(), job.tasks(), job.tasks() == 1 ? "" : "s", chunk,
                chunk == 1 ? "" : "s", cpus, cpus == 1 ? "" : "s", script);
        if (r.dryRun()) {
            out.println("sweep: --dry-run: not submitted; submit it with: sbatch " + script);
            return;
        }
        String id = job.submit(script, SBATCH_SECONDS);
        try {
            TextFile.write(job.slurmDir().resolve(JOB_ID), id + "\n");
        } catch (IOException e) {
            throw FileProblem.of("writing", job.slurmDir().resolve(JOB_ID), e);
        }
        out.println("sweep: submitted job " + id + "; follow it with: relulab sweep status " + folder.dir()
                + "; when it ends: relulab sweep collect " + folder.dir());
    }

    /**
     * {@code relulab sweep --task I --chunk C DIR}: runs array task I's points of the sweep in DIR, one after the
     * other, each with the CPUs Slurm gave the task (SLURM_CPUS_PER_TASK) unless its spec sets --threads. Ends like a
     * local sweep: exit 0 when its points finished, 6 when some did not.
     */
    public static void task(Path dir, int task, int chunk, PrintStream out, PrintStream err) {
        SweepFolder folder = new SweepFolder(dir);
        if (!folder.isSweep()) {
            throw Failure.usage("sweep --task: " + dir + " is not a sweep's folder (expected " + SweepFolder.SPEC
                    + " and " + SweepFolder.POINTS + " there, written by relulab sweep --slurm)");
        }
        List<SweepPoint> points = SpecParser.parse(folder.spec()).points(true);
        List<SweepPoint> mine = new ArrayList<>();
        for (int i : SlurmJob.taskPoints(task, chunk, points.size())) mine.add(points.get(i));
        new SweepRunner(folder, 1, cpusOfTask(), out, err).runAll(mine);
    }

    /** The CPUs Slurm gave this task, or 1 outside Slurm. */
    private static int cpusOfTask() {
        String s = System.getenv("SLURM_CPUS_PER_TASK");
        try {
            return s == null ? 1 : Math.max(1, Integer.parseInt(s.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /**
     * What a task runs relulab with: the launcher this process was started by (it finds a JDK on the node), else
     * this JVM's java, flags and class path.
     */
    static List<String> taskCommand() {
        String launcher = System.getProperty("relulab.launcher");
        if (launcher != null && Files.isExecutable(Path.of(launcher))) return List.of(launcher);
        return PointRun.relulab();
    }

    /** The id of the last job submitted for the sweep in {@code dir}, or null. */
    static String jobId(Path dir) {
        Path f = dir.resolve("slurm").resolve(JOB_ID);
        try {
            return Files.isRegularFile(f) ? Files.readString(f).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * What Slurm's queue says of job {@code id}: its tasks counted by state ("2 RUNNING, 1 PENDING"), "not in the
     * queue" once it ended, or why squeue could not tell.
     */
    static String queueState(String id) {
        try {
            Process p = new ProcessBuilder("squeue", "-h", "-r", "-j", id, "-o", "%T").redirectErrorStream(true)
                    .start();
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "squeue did not answer in 15 s";
            }
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                return said.contains("Invalid job id")
                        ? "not in the queue"
                        : "squeue: " + said.lines().findFirst()
                                .orElse("exit " + p.exitValue());
            }
            if (said.isEmpty()) return "not in the queue";
            Map<String, Integer> states = new TreeMap<>();
            for (String state : said.split("\\s+")) states.merge(state, 1, Integer::sum);
            StringBuilder s = new StringBuilder();
            states.forEach((state, n) -> s.append(s.isEmpty() ? "" : ", ").append(n).append(' ').append(state));
            return s + " task" + (said.split("\\s+").length == 1 ? "" : "s");
        } catch (IOException e) {
            return "no squeue here (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

}
