package org.relulab.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Matrix views and workspace allocation: alignment, padding, sub-views, transposes. */
class WorkspaceTest {
    @Test
    void rowsStartCacheLineAligned() {
        try (Workspace ws = Workspace.shared()) {
            for (int cols : new int[] {1, 7, 16, 17, 33, 100}) {
                Matrix m = ws.matrix(5, cols);
                assertEquals(0, m.stride() % 16, "stride of " + cols + " cols");
                assertTrue(m.stride() >= cols);
                for (int r = 0; r < 5; r++) {
                    long addr = m.segment().address() + (m.offset() + (long) r * m.stride()) * Float.BYTES;
                    assertEquals(0, addr % Workspace.ROW_ALIGN_BYTES, "row " + r + " of 5x" + cols);
                }
            }
        }
    }

    @Test
    void viewsShareStorage() {
        try (Workspace ws = Workspace.shared()) {
            float[] data = new float[4 * 6];
            for (int i = 0; i < data.length; i++) data[i] = i;
            Matrix m = ws.matrix(4, 6, data);
            Matrix t = m.t();
            assertEquals(6, t.rows());
            assertEquals(m.get(1, 4), t.get(4, 1));
            Matrix block = m.rows(1, 3).cols(2, 5);
            assertArrayEquals(new float[] {8, 9, 10, 14, 15, 16}, block.toArray());
            Matrix tb = t.rows(2, 5).cols(1, 3); // the transpose of that block
            assertArrayEquals(block.t().toArray(), tb.toArray());
            tb.set(0, 0, -1f);
            assertEquals(-1f, m.get(1, 2));
            assertArrayEquals(new float[] {3, 9, 15, 21}, m.col(3).toArray());
            assertArrayEquals(new float[] {12, 13, 14, 15, 16, 17}, t.col(2).toArray());
        }
    }

    @Test
    void wrapHeapArray() {
        float[] data = {1, 2, 3, 4, 5, 6};
        Matrix m = Matrix.wrap(data, 2, 3);
        assertEquals(6f, m.get(1, 2));
        try (Kernels k = Kernels.create(Provider.lookup(), 1)) {
            k.scale(2f, m, m);
        }
        assertArrayEquals(new float[] {2, 4, 6, 8, 10, 12}, data);
    }

    @Test
    void stridesAvoidMultiplesOfOneKilobyte() {
        assertEquals(16, Workspace.paddedStride(1));
        assertEquals(128, Workspace.paddedStride(128));
        assertEquals(1008, Workspace.paddedStride(1000));
        assertEquals(272, Workspace.paddedStride(256), "256 floats = 1 KB: one more cache line");
        assertEquals(1040, Workspace.paddedStride(1024), "4 KB: one more cache line");
        assertEquals(1040, Workspace.paddedStride(1017));
    }

    /**
     * A confined workspace closed from another thread refuses, and nothing changes: it stays open, its matrices
     * stay usable, and its owner closes it (freeing the memory). It used to be marked closed first, so the
     * memory was never freed.
     */
    @Test
    void closeFromAnotherThreadChangesNothing() throws InterruptedException {
        Workspace ws = Workspace.confined();
        Matrix m = ws.matrix(2, 3).fill(1.5f);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                ws.close();
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "not-the-owner");
        other.start();
        other.join();
        WrongThreadException e = assertInstanceOf(WrongThreadException.class, thrown.get());
        assertTrue(e.getMessage().contains("not-the-owner") && e.getMessage().contains("confined"), e.getMessage());
        assertTrue(ws.isOpen(), "still open after a refused close");
        assertEquals(1.5f, m.get(1, 2));
        assertEquals(0f, ws.matrix(2, 3).get(1, 2), "it still allocates");
        ws.close();
        assertFalse(ws.isOpen());
        assertFalse(m.segment().scope().isAlive(), "the owner's close freed the memory");
    }
}
