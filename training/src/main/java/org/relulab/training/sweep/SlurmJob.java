package org.relulab.training.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.relulab.training.failure.Failure;
import org.relulab.training.failure.FileProblem;
import org.relulab.training.io.TextFile;

/**
 * A sweep as one Slurm job array: task i runs the points [i·chunk, (i+1)·chunk) with {@code relulab sweep --task i},
 * on the file system the cluster shares, so every point lands in the sweep folder as a local run puts it and a rerun
 * (local or submitted again) resumes it the same way. {@link #script()} is the sbatch script, written to
 * {@code DIR/slurm/sweep.sbatch} by {@link #write()}; {@link #submit} hands it to {@code sbatch}.
 *
 * @param dir       the sweep folder (absolute: the tasks run elsewhere)
 * @param points    how many points the sweep has (at least 1)
 * @param chunk     points per array task (at least 1)
 * @param cpus      CPUs per task: the GEMM threads of each point
 * @param options   extra sbatch options, each one {@code --name=value} or {@code --name} (partition, time, account)
 * @param command   the command that starts relulab on a node: the launcher's path, or java with its class path
 */
public record SlurmJob(Path dir, int points, int chunk, int cpus, List<String> options, List<String> command) {
    /** An sbatch option as --slurm-opt takes it: a long option, with its value after '=' when it has one. */
    private static final Pattern OPTION = Pattern.compile("--[a-z][a-z-]*(=[^\\s'\"\\\\$`]+)?");

    /** Options the runner sets itself; a user's would break the array or the folder layout. */
    private static final List<String> RESERVED = List.of("--array", "--output", "--error", "--cpus-per-task",
            "--parsable", "--wrap", "--chdir");

    public SlurmJob {
        if (!dir.isAbsolute())
            throw new IllegalArgumentException("sweep folder " + dir + ": expected an absolute path");
        if (points < 1) throw new IllegalArgumentException("points = " + points + ": expected at least 1");
        if (chunk < 1) throw new IllegalArgumentException("chunk = " + chunk + ": expected at least 1");
        if (cpus < 1) throw new IllegalArgumentException("cpus = " + cpus + ": expected at least 1");
        options = List.copyOf(options);
        command = List.copyOf(command);
        if (command.isEmpty()) throw new IllegalArgumentException("no command to start relulab with");
        for (String o : options) checkOption(o);
    }

    /** Refuses an sbatch option that is not {@code --name[=value]} or that the runner sets itself. */
    static void checkOption(String option) {
        if (!OPTION.matcher(option).matches()) {
            throw Failure.usage("sweep: --slurm-opt '" + option + "' is not an sbatch long option (expected "
                    + "--name or --name=value without spaces or quotes, as --partition=debug or --time=02:00:00)");
        }
        String name = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
        if (RESERVED.contains(name)) {
            throw Failure.usage("sweep: --slurm-opt " + name + " is set by relulab itself (expected any other sbatch "
                    + "option, as --partition, --time, --account, --mem)");
        }
    }

    /** The number of array tasks: ⌈points / chunk⌉. */
    public int tasks() {
        return (points + chunk - 1) / chunk;
    }

    /**
     * The indices of the points array task {@code task} runs: [task·chunk, min((task+1)·chunk, points)); refuses a
     * task beyond the array (a task id from another job, or a sweep changed since its submission).
     */
    public static int[] taskPoints(int task, int chunk, int points) {
        if (chunk < 1 || points < 1) throw new IllegalArgumentException("chunk and points must be at least 1");
        int tasks = (points + chunk - 1) / chunk;
        if (task < 0 || task >= tasks) {
            throw Failure.usage("sweep: --task " + task + " is out of range (expected 0 to " + (tasks - 1) + " for "
                    + points + " points, " + chunk + " a task)");
        }
        int first = Math.multiplyExact(task, chunk);
        int end = (int) Math.min((long) first + chunk, points);
        int[] idx = new int[end - first];
        for (int i = 0; i < idx.length; i++) idx[i] = first + i;
        return idx;
    }

    /** The folder of the job's files: the script, and the tasks' Slurm output. */
    public Path slurmDir() {
        return dir.resolve("slurm");
    }

    /** The sbatch script: the array, one task's CPUs, its output file, the user's options, then the task. */
    public String script() {
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        s.append("# relulab sweep ").append(dir).append(": ").append(points).append(" points, ").append(chunk)
                .append(chunk == 1 ? " point" : " points").append(" a task\n");
        s.append("#SBATCH --job-name=relulab-sweep\n");
        s.append(String.format(Locale.ROOT, "#SBATCH --array=0-%d%n", tasks() - 1));
        s.append("#SBATCH --cpus-per-task=").append(cpus).append('\n');
        s.append("#SBATCH --output=").append(slurmDir().resolve("task-%A_%a.out")).append('\n');
        for (String o : options) s.append("#SBATCH ").append(o).append('\n');
        s.append("set -euo pipefail\n");
        s.append("exec");
        for (String c : command) s.append(' ').append(quote(c));
        s.append(" sweep --task \"$SLURM_ARRAY_TASK_ID\" --chunk ").append(chunk).append(' ')
                .append(quote(dir.toString())).append('\n');
        return s.toString();
    }

    /** Writes the script to DIR/slurm/sweep.sbatch; returns its path. */
    public Path write() {
        Path file = slurmDir().resolve("sweep.sbatch");
        try {
            Files.createDirectories(slurmDir());
            TextFile.write(file, script());
        } catch (IOException e) {
            throw FileProblem.of("writing", file, e);
        }
        return file;
    }

    /**
     * Submits the written script with {@code sbatch --parsable}; returns the job id. No sbatch, an sbatch that
     * refuses, or one that does not answer in {@code timeoutSeconds} is an environment failure (exit 4) quoting it.
     */
    public String submit(Path script, long timeoutSeconds) {
        List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable", script.toString()));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw Failure.environment("sweep: sbatch did not answer in " + timeoutSeconds + " s");
            }
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            String id = said.contains(";") ? said.substring(0, said.indexOf(';')) : said; // "id;cluster"
            if (p.exitValue() != 0 || !id.matches("[0-9]+")) {
                throw Failure.environment("sweep: sbatch refused the job (exit " + p.exitValue() + "): "
                        + said.lines().findFirst().orElse("no output"));
            }
            return id;
        } catch (IOException e) {
            throw Failure.environment("sweep: cannot run sbatch (" + e.getMessage() + "): is Slurm installed here?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failure.environment("sweep: interrupted while submitting to Slurm");
        }
    }

    /** Single-quotes {@code s} for bash. */
    static String quote(String s) {
        return s.matches("[A-Za-z0-9_./=:,+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
