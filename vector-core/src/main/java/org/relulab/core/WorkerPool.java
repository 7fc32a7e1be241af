package org.relulab.core;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed team of threads that run one task in {@code parts} pieces: the caller runs part 0, daemon
 * workers the rest. Threads are started once; a run allocates nothing (workers spin briefly, then park).
 * One run at a time: callers serialize on the owner's lock. {@link #close()} stops the workers.
 */
final class WorkerPool implements AutoCloseable {
    /** One piece of work: part {@code part} of {@code parts}. */
    interface Task {
        void run(int part, int parts);
    }

    /** Spin iterations before parking (a few tens of microseconds): GEMMs arrive in quick bursts. */
    private static final int SPINS = 20_000;

    private final Worker[] workers;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Task task;
    private volatile int parts;
    private volatile Thread caller;
    private volatile Throwable failure;
    private volatile boolean closed;

    WorkerPool(int threads, String name) {
        workers = new Worker[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i + 1, name + "-" + (i + 1));
            workers[i].start();
        }
    }

    int threads() {
        return workers.length + 1;
    }

    /** The worker thread that runs part {@code part} (part ≥ 1). */
    Thread thread(int part) {
        return workers[part - 1];
    }

    /** Runs {@code t} in {@code n} parts (1 ≤ n ≤ threads) and returns when all are done. */
    void run(Task t, int n) {
        if (closed) throw new IllegalStateException("the kernels' thread pool is closed");
        if (n <= 1) {
            t.run(0, 1);
            return;
        }
        task = t;
        parts = n;
        failure = null;
        caller = Thread.currentThread();
        pending.set(n - 1);
        for (int i = 1; i < n; i++) workers[i - 1].wake();
        Throwable own = null;
        try {
            t.run(0, n);
        } catch (Throwable e) {
            own = e;
        }
        int spins = 0;
        while (pending.get() > 0) {
            if (++spins < SPINS) Thread.onSpinWait();
            else LockSupport.park(this);
        }
        task = null;
        Throwable f = own != null ? own : failure;
        if (f instanceof RuntimeException re) throw re;
        if (f instanceof Error err) throw err;
        if (f != null) throw new IllegalStateException("a kernel worker failed", f);
    }

    /** Stops the workers once they are idle; a run in flight still completes. Idempotent. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (Worker w : workers) LockSupport.unpark(w);
    }

    private final class Worker extends Thread {
        private final int part;
        private volatile int generation;
        private int seen;

        Worker(int part, String name) {
            super(name);
            this.part = part;
            setDaemon(true);
        }

        void wake() {
            generation++; // only the (lock-holding) caller writes it
            LockSupport.unpark(this);
        }

        @Override
        public void run() {
            while (true) {
                int spins = 0;
                while (generation == seen && !closed) {
                    if (++spins < SPINS) Thread.onSpinWait();
                    else LockSupport.park(this);
                }
                // A run woke this worker before a close: do its part first, or the caller waits forever.
                if (generation == seen) return;
                seen = generation;
                try {
                    task.run(part, parts);
                } catch (Throwable e) {
                    failure = e;
                } finally {
                    if (pending.decrementAndGet() == 0) LockSupport.unpark(caller);
                }
            }
        }
    }
}
