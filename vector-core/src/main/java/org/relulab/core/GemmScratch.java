package org.relulab.core;

/**
 * One thread's GEMM buffers, allocated once when a {@link Kernels} is built and reused by every call:
 * the packed A block, the packed B panel and an MR × NR tile for edge tiles. Heap arrays, owned by
 * the worker thread that uses them, freed with the {@link Kernels}.
 */
final class GemmScratch {
    static final GemmScratch NONE = new GemmScratch(0, 0, 0);

    final float[] packedA;
    final float[] packedB;
    final float[] tile;

    GemmScratch(int packedASize, int packedBSize, int tileSize) {
        packedA = new float[packedASize];
        packedB = new float[packedBSize];
        tile = new float[tileSize];
    }
}
