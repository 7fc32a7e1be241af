package org.relulab.training.sweep;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A worker JVM that runs the points of one job slot, one after the other: {@code java <this JVM's flags> -cp <this
 * class path> org.relulab.training.cli.Main sweep-worker} ({@link PointRun#relulab()}). A point in a JVM of its own
 * would spend much of a short run compiling the Vector API kernels again (measured: the training loop of an ALL19
 * 2-layer run of 8 000 SGD steps takes 2.3 s in a fresh JVM, 1.1 s in a warm one, on one thread of an Intel Xeon);
 * a worker keeps them compiled, and still keeps a crash or an out-of-memory of one point away from the runner and
 * the other slots: a worker that dies fails its point, and the next point gets a new worker.
 *
 * <p>
 * The protocol, one line each way per point: the runner writes the point's log file, then {@code train} and its
 * arguments, each field Base64 (UTF-8) and separated by a space; the worker appends train's output to that log and
 * answers {@code EXIT <code>} with train's exit code. End of input ends the worker.
 */
public final class PointWorker implements AutoCloseable {
    /** The hidden command of relulab's command line that serves the protocol. */
    public static final String COMMAND = "sweep-worker";
    /** The answer's prefix. */
    public static final String EXIT = "EXIT ";

    private final Process process;
    private final OutputStream requests;
    private final BufferedReader answers;
    /** Reads the answers, so that the runner's thread waits interruptibly (a pipe's read is not). */
    private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "relulab-sweep-worker-reader");
        t.setDaemon(true);
        return t;
    });

    private PointWorker(Process process) {
        this.process = process;
        this.requests = process.getOutputStream();
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts a worker; what it prints outside a point (a JVM warning) is dropped. */
    static PointWorker start() throws IOException {
        List<String> cmd = new ArrayList<>(PointRun.relulab());
        cmd.add(COMMAND);
        return new PointWorker(new ProcessBuilder(cmd).redirectError(Redirect.DISCARD).start());
    }

    /** The worker's process, for the runner to stop. */
    Process process() {
        return process;
    }

    /** Whether the worker can take another point. */
    boolean alive() {
        return process.isAlive();
    }

    /**
     * Runs train with {@code args} in the worker, its output appended to {@code log}; blocks until it ends. Returns
     * train's exit code, or the worker's own when it died (a crash, or stopped by the runner). Interrupted, it stops
     * the worker as {@link SweepRunner} stops a point, and returns the worker's exit code.
     */
    int run(Path log, List<String> args, long stopSeconds) throws IOException {
        StringBuilder line = new StringBuilder(encode(log.toString())).append(' ').append(encode("train"));
        for (String a : args) line.append(' ').append(encode(a));
        line.append('\n');
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(this::readAnswer, reader);
        try {
            requests.write(line.toString().getBytes(StandardCharsets.UTF_8));
            requests.flush();
        } catch (IOException e) { // the worker died before it read the point
            return exitCode(stopSeconds);
        }
        try {
            String a = answer.get();
            if (a != null && a.startsWith(EXIT)) {
                try {
                    return Integer.parseInt(a.substring(EXIT.length()).strip());
                } catch (NumberFormatException e) {
                    // an answer the protocol does not have: the worker is broken
                }
            }
            process.destroyForcibly();
            return exitCode(stopSeconds);
        } catch (InterruptedException e) {
            return exitCode(stopSeconds);
        } catch (ExecutionException e) {
            process.destroyForcibly();
            return exitCode(stopSeconds);
        }
    }

    /** The worker's next answer line, or null at its end (it died); lines that are no answer are skipped. */
    private String readAnswer() {
        try {
            for (String a; (a = answers.readLine()) != null;) if (a.startsWith(EXIT)) return a;
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Stops the worker (SIGTERM, then SIGKILL after {@code stopSeconds}) and returns its exit code. */
    private int exitCode(long stopSeconds) {
        process.destroy();
        try {
            if (!process.waitFor(stopSeconds, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException again) {
            process.destroyForcibly();
        }
        return process.isAlive() ? 137 : process.exitValue();
    }

    /** Ends the worker: end of input, then a kill if it has not ended within a few seconds. */
    @Override
    public void close() {
        reader.shutdownNow();
        try {
            requests.close();
        } catch (IOException ignored) { // it is gone
        }
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static String encode(String field) {
        return Base64.getEncoder().encodeToString(field.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String field) {
        return new String(Base64.getDecoder().decode(field), StandardCharsets.UTF_8);
    }

    /** A request line's fields, decoded: the log file, then the command line ({@code train ARGS}). */
    public static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        for (String f : line.split(" ", -1)) fields.add(decode(f)); // an empty field is an empty argument
        return fields;
    }
}
