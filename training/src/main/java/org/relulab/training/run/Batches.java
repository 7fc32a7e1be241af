package org.relulab.training.run;

import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.Random;
import org.relulab.core.Kernels;
import org.relulab.core.Matrix;
import org.relulab.core.Workspace;
import org.relulab.training.data.Dataset;

/**
 * What each step trains on: the whole data set (full-batch), or consecutive mini-batches of a permutation
 * that is reshuffled from a seeded {@link Random} at the start of every epoch (a final partial batch is
 * dropped, so every step sees {@code batch} samples). Allocation-free per step.
 */
public final class Batches {
    private final Dataset data;
    private final int batch, perEpoch;
    private final int[] order;
    private final Random random;
    private final Matrix xb, yb;

    Batches(Workspace ws, Dataset data, int batch, long seed) {
        this.data = data;
        this.batch = batch;
        boolean full = batch >= data.size();
        perEpoch = full ? 1 : data.size() / batch;
        order = full ? null : IntArrays.shuffle(identity(data.size()), new Random(seed));
        random = full ? null : new Random(seed + 1);
        xb = full ? data.x() : ws.matrix(batch, data.dim());
        yb = full ? data.y() : ws.column(batch);
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    /** Gathers the batch of step {@code step} (steps count from 0) into {@link #x()} and {@link #y()}. */
    void load(Kernels k, long step) {
        if (order == null) return;
        int slot = (int) (step % perEpoch);
        if (slot == 0 && step > 0) IntArrays.shuffle(order, random);
        k.gatherRows(data.x(), order, slot * batch, xb);
        k.gatherRows(data.y(), order, slot * batch, yb);
    }

    /**
     * Replays the reshuffles that {@link #load} makes for the steps before {@code step}, so that a run resumed
     * at {@code step} sees the same batches as one that never stopped.
     */
    void skipTo(long step) {
        if (order == null) return;
        for (long s = perEpoch; s < step; s += perEpoch) IntArrays.shuffle(order, random);
    }

    Matrix x() { return xb; }

    Matrix y() { return yb; }

    /** Steps in one pass over the data. */
    int stepsPerEpoch() { return perEpoch; }
}
