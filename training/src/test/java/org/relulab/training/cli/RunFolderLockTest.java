package org.relulab.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.training.failure.ExitCode;
import org.relulab.training.run.RunLock;

/**
 * A run folder belongs to one process at a time: {@code train} and {@code train --resume} hold an OS lock on
 * DIR/.lock for the run's whole life, and a second one on the same folder, from another JVM or this one, is refused
 * (exit code 5, busy, naming the holder's pid) before it writes or deletes anything;
 * the lock file of a process that died is taken over.
 */
class RunFolderLockTest {
    @TempDir
    Path tmp;

    /** A real {@code train} in another JVM holds the folder; this JVM's resume and new run are refused. */
    @Test
    void aFolderWhoseRunIsGoingIsRefusedToAResumeAndToANewRun() throws Exception {
        Path dir = tmp.resolve("running");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "train", "--d", "5", "--m", "8", "--n", "64", "--test-n", "64", "--steps",
                "1000000000", "--log-every", "100000", "--checkpoint-every", "50", "--threads", "1", "--out",
                dir.toString()));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(dir.resolve("checkpoint.bin")) && child.isAlive() && System.nanoTime() < deadline)
                Thread.sleep(10);
            assertTrue(child.isAlive(), "the child run ended:\n" + Files.readString(tmp.resolve("child.log")));
            Path torn = Files.write(dir.resolve(".checkpoint.bin.0badc0de.tmp"), new byte[100]);
            String metrics = Files.readString(dir.resolve("metrics.csv"));

            String err = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> busy("train", "--resume", dir.toString()));
            assertTrue(err.contains("pid " + child.pid()), err);
            assertTrue(Files.exists(torn), "the refused resume deleted nothing");
            assertTrue(Files.readString(dir.resolve("metrics.csv")).startsWith(metrics), "nor rewrote the metrics");
            String newRun = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> busy("train", "--d", "5", "--m", "8", "--n", "64", "--steps", "20", "--out", dir.toString()));
            assertTrue(newRun.contains("pid " + child.pid()),
                    "a new run on the folder is told who holds it: " + newRun);
            assertTrue(Files.exists(torn), "the refused run deleted nothing");
            assertTrue(child.isAlive(), "the running run goes on");
        } finally {
            child.destroyForcibly().waitFor();
        }
        // Killed, it leaves its lock file behind, but the OS lock died with it: a new holder takes it over.
        assertTrue(Files.exists(dir.resolve(".lock")), "a killed run cannot remove its lock file");
        try (FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.WRITE);
                FileLock lock = ch.tryLock()) {
            assertTrue(lock != null, "the lock of a dead process is free");
        }
    }

    /** A folder held by another run in this JVM (a sweep's, say) is busy to a resume and to a new run. */
    @Test
    void aFolderLockedInThisJvmIsRefused() throws Exception {
        Path dir = InterruptedRun.make(tmp.resolve("interrupted"));
        try (RunLock held = RunLock.acquire(dir)) {
            String err = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> busy("train", "--resume", held.dir().toString()));
            assertTrue(err.contains("in this process (pid " + ProcessHandle.current().pid() + ")"), err);
        }
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        try (RunLock held = RunLock.acquire(empty)) {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> busy("train", "--d", "5", "--m", "8", "--n", "64",
                    "--steps", "20", "--out", held.dir().toString()));
        }
        assertEquals(List.of(".lock"), names(empty), "the refused run wrote nothing");
        // Locked by other code of this JVM, on another channel: FileChannel refuses with an exception, busy too.
        try (FileChannel ch = FileChannel.open(empty.resolve(".lock"), StandardOpenOption.WRITE);
                FileLock lock = ch.lock()) {
            assertTrue(lock.isValid());
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> busy("train", "--d", "5", "--m", "8", "--n", "64",
                    "--steps", "20", "--out", empty.toString()));
        }
    }

    /** Two new runs on the same new --out, started together: one runs, the other is refused; nothing is mixed. */
    @Test
    void twoNewRunsOnTheSameFolderNeverMixTheirFiles() throws Exception {
        Path dir = tmp.resolve("race");
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> codes = new ArrayList<>();
            for (String seed : new String[] {"1", "2"}) {
                codes.add(pool.submit(() -> {
                    go.await();
                    return Main.run(new String[] {"train", "--d", "5", "--m", "8", "--n", "64", "--test-n", "64",
                            "--steps", "200", "--log-every", "1", "--threads", "1", "--seed", seed, "--out",
                            dir.toString()}, sink(), sink());
                }));
            }
            go.countDown();
            int a = codes.get(0).get(60, TimeUnit.SECONDS), b = codes.get(1).get(60, TimeUnit.SECONDS);
            assertEquals(0, Math.min(a, b), a + ", " + b);
            int refused = Math.max(a, b);
            assertTrue(refused == ExitCode.BUSY.code() || refused == ExitCode.USAGE.code(), "refused: " + refused);
        } finally {
            pool.shutdownNow();
        }
        List<String> rows = Files.readAllLines(dir.resolve("metrics.csv"));
        assertEquals(202, rows.size(), "one run's rows");
        for (int i = 1; i < rows.size(); i++) assertTrue(rows.get(i).startsWith((i - 1) + ","), rows.get(i));
        assertEquals(0, Files.size(dir.resolve(".lock")), "the lock file is emptied when the run ends");
    }

    /** A lock file that no process holds (its run was killed) is taken over: the folder counts as new. */
    @Test
    void aStaleLockFileIsTakenOver() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("stale"));
        Files.writeString(dir.resolve(".lock"), "pid=999999999\n");
        assertEquals(0, Main.run(new String[] {"train", "--d", "5", "--m", "8", "--n", "64", "--test-n", "64",
                "--steps", "20", "--threads", "1", "--out", dir.toString()}, sink(), sink()));
        assertTrue(Files.exists(dir.resolve("metrics.csv")));
        assertEquals(0, Files.size(dir.resolve(".lock")), "the lock file is emptied when the run ends");
    }

    /** Runs {@code args}, expects exit code 5 and one line that says the folder is busy; returns it. */
    private static String busy(String... args) {
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(args, sink(), new PrintStream(e, true, StandardCharsets.UTF_8));
        String err = e.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCode.BUSY.code(), code, err);
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.contains("locked by"), err);
        return err;
    }

    private static List<String> names(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static PrintStream sink() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
