package org.relulab.training.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.relulab.training.failure.Failure;

/**
 * The lock of a run folder, held for the whole life of the run that writes there ({@code train}, {@code train
 * --resume}, and any runner that fills run folders): an OS file lock ({@link FileChannel#tryLock()}) on
 * {@code DIR/.lock}, into which the holder writes its pid and start time. Take it before anything in the folder is
 * written or deleted; a folder another process holds is refused with {@link Failure#busy} naming that process. The OS
 * drops the lock when its process ends, however it ends, so a lock file whose lock can be taken is stale and is
 * simply taken over.
 * <p>
 * The lock file is never deleted, only emptied on {@link #close()}: deleting it would let a process that had opened
 * it before the delete lock the deleted file while a third process creates and locks a new {@code .lock}, both then
 * believing they hold the folder; telling the two files apart would need the lock file opened a second time, which
 * the next paragraph rules out. An empty {@code .lock} means no run holds the folder; {@link OutputFolder} ignores it.
 * <p>
 * The locks are POSIX advisory locks (fcntl) on Linux and macOS: they hold between processes on one machine and on
 * local file systems (network file systems may not honour them), and belong to the process, so closing any other
 * descriptor of the lock file in the holding JVM would silently drop the lock. Hence one JVM opens a folder's lock
 * file once at a time ({@link #HELD}), reads the holder through the channel it locks with, and a second run in the
 * same JVM is refused before it opens anything.
 */
public final class RunLock implements AutoCloseable {
    /** The lock file's name in the run folder; {@link OutputFolder} does not count it as a file of the run. */
    public static final String FILE = ".lock";

    /** The folders (real paths) this JVM holds or is locking. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final Path real;
    private final FileChannel channel;
    private final boolean created;

    private RunLock(Path dir, Path real, FileChannel channel, boolean created) {
        this.dir = dir;
        this.real = real;
        this.channel = channel;
        this.created = created;
    }

    /**
     * Locks the run folder {@code dir}, creating it when it does not exist. Throws {@link Failure#busy} when another
     * process, or another run in this JVM, holds it.
     */
    public static RunLock acquire(Path dir) throws IOException {
        boolean created = !Files.exists(dir, LinkOption.NOFOLLOW_LINKS);
        Files.createDirectories(dir);
        Path real = dir.toRealPath(), file = dir.resolve(FILE);
        String self = "pid " + ProcessHandle.current().pid();
        if (!HELD.add(real)) throw busy(dir, file, " in this process (" + self + ")");
        FileChannel ch = null;
        boolean locked = false;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) { // locked in this JVM, not through this class
                throw busy(dir, file, " in this process (" + self + ")");
            }
            if (lock == null) throw busy(dir, file, " (" + holder(ch) + ")");
            // A run that wrote nothing removes the folder it created (closeUnused): whoever opened the lock file
            // before that finds it gone here (a stat, not a second open, which would drop the lock).
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw busy(dir, file, " that removed the folder while this one was locking it");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(holderLine().getBytes(StandardCharsets.UTF_8)), 0);
            locked = true;
            return new RunLock(dir, real, ch, created);
        } finally {
            if (!locked) {
                HELD.remove(real);
                if (ch != null) ch.close();
            }
        }
    }

    /**
     * Refuses with {@link Failure#busy} a folder whose lock another run holds now ({@link #holder}): the check that
     * tells a folder in use from one that is merely full.
     */
    public static void requireNotHeld(Path dir) {
        String holder = holder(dir);
        if (holder != null) throw busy(dir, dir.resolve(FILE), " (" + holder + ")");
    }

    /**
     * Who holds the lock of the run folder {@code dir} now ("pid 123, started ..."), or null when no run holds it: a
     * probe for a sweep's status that disturbs a running run as little as it can. A lock file that is empty (its run
     * ended) or names a process that is gone (its run was killed) is free without taking the lock; only when the
     * named process is alive is the lock tried, and released at once when it could be taken (the pid was reused). A
     * folder this JVM holds is held.
     */
    public static String holder(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) return null;
        try {
            if (HELD.contains(dir.toRealPath())) return "pid " + ProcessHandle.current().pid() + " (this process)";
            String line;
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                line = holder(ch);
            }
            Long pid = pidOf(line);
            if (pid == null || !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return null; // never written (or emptied: its run ended), or its process is gone
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                FileLock lock;
                try {
                    lock = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    return "pid " + ProcessHandle.current().pid() + " (this process)";
                }
                if (lock == null) return line;
                lock.release();
                return null;
            }
        } catch (IOException e) {
            return null; // unreadable or gone: no run holds it that this process can see
        }
    }

    /** The pid a holder line names ("pid 123, started ..."), or null. */
    private static Long pidOf(String line) {
        if (!line.startsWith("pid ")) return null;
        int end = line.indexOf(',');
        try {
            return Long.parseLong(line.substring(4, end < 0 ? line.length() : end).strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** This process: its pid and start time. */
    private static String holderLine() {
        ProcessHandle self = ProcessHandle.current();
        return "pid " + self.pid() + ", started " + self.info().startInstant().map(Instant::toString).orElse("?")
                + "\n";
    }

    /** Who holds the lock, as its lock file says, read through {@code ch} (see the class comment). */
    private static String holder(FileChannel ch) {
        try {
            ByteBuffer b = ByteBuffer.allocate(200);
            ch.read(b, 0);
            String line = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).strip();
            return line.startsWith("pid ") && !line.contains("\n") ? line : "pid not written yet";
        } catch (IOException e) {
            return "pid unknown: " + e.getMessage();
        }
    }

    private static Failure busy(Path dir, Path file, String holder) {
        return Failure.busy(dir + " is locked by another relulab run" + holder + ": wait for it to end, or stop it "
                + "(lock file " + file + ")");
    }

    /** The locked folder. */
    public Path dir() {
        return dir;
    }

    /**
     * Ends a run that failed before writing anything: when {@link #acquire} created the folder and it holds nothing
     * but the lock file, deletes both while still holding the lock (a refused run leaves no folder behind), then
     * releases it; otherwise the same as {@link #close()}.
     */
    public void closeUnused() throws IOException {
        try {
            if (created && OutputFolder.holdsOnlyLock(dir)) {
                Files.delete(dir.resolve(FILE));
                Files.delete(dir);
            }
        } finally {
            close();
        }
    }

    /** Empties the lock file (no run holds the folder any more), then releases the lock. */
    @Override
    public void close() throws IOException {
        if (!channel.isOpen()) return;
        try {
            if (Files.exists(dir.resolve(FILE), LinkOption.NOFOLLOW_LINKS)) channel.truncate(0);
        } finally {
            try {
                channel.close(); // releases the lock
            } finally {
                HELD.remove(real);
            }
        }
    }
}
