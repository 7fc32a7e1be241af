package org.relulab.training.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.relulab.core.Activation;
import org.relulab.core.Kernels;
import org.relulab.core.Provider;
import org.relulab.core.Workspace;
import org.relulab.training.data.Dataset;
import org.relulab.training.optim.GradientDescent;
import org.relulab.training.step.TwoLayerStep;
import org.relulab.training.student.Initialization;
import org.relulab.training.student.OutputLayer;
import org.relulab.training.student.TwoLayerStudent;
import org.relulab.training.teacher.AbsTeacher;

/**
 * Building and closing everything a run owns (workspace, kernels with their threads, teacher, data, student,
 * step) 1,000 times leaves no native memory and no threads behind; use after close and double close throw.
 */
class LifecycleTest {
    /**
     * The JVM's count of reserved "Other" native memory, where FFM arenas allocate (native memory tracking,
     * -XX:NativeMemoryTracking=summary, set for this module's tests in training/pom.xml), in bytes.
     */
    static long nativeOther() {
        try {
            String summary = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {new String[] {"summary"}}, new String[] {String[].class.getName()});
            Matcher m = Pattern.compile("-\\s*Other \\(reserved=(\\d+)KB").matcher(summary);
            if (!m.find())
                throw new AssertionError(
                        "native memory tracking is off or has no Other line (run with "
                                + "-XX:NativeMemoryTracking=summary):\n"
                                + summary);
            return Long.parseLong(m.group(1)) * 1024;
        } catch (javax.management.JMException e) {
            throw new AssertionError("native memory summary: " + e, e);
        }
    }

    /** One run's objects, a few steps, then closed; returns the native bytes in use while it was open. */
    private static long buildRunAndClose() {
        long inUse;
        try (Workspace ws = Workspace.shared(); Kernels k = Kernels.create(Provider.lookup(), 2)) {
            AbsTeacher teacher = new AbsTeacher(ws, 8, false, 1, 1);
            Dataset data = Dataset.generate(ws, k, teacher, 256, 2);
            TwoLayerStudent s = new TwoLayerStudent(ws, 32, 8, Activation.ABS, OutputLayer.TIED);
            Initialization.GAUSSIAN.apply(k, s, 1, 3);
            TwoLayerStep step = new TwoLayerStep(ws, s, 256);
            GradientDescent gd = new GradientDescent(1);
            for (int t = 0; t < 3; t++) {
                step.forward(k, data.x(), data.y());
                step.backward(k, data.x());
                gd.update(k, s, step, t);
            }
            inUse = nativeOther();
        }
        return inUse;
    }

    @Test
    void thousandRunsLeaveNoNativeMemoryOrThreads() {
        long before = nativeOther();
        int threadsBefore = Thread.activeCount();
        long open = buildRunAndClose();
        // The measure sees a run's memory (teacher, 256 x 8 data, 32 x 8 student, 256 x 32 buffers: > 40 kB) ...
        assertTrue(open - before > 40_000,
                "native memory while a run is open: " + (open - before) + " B above the baseline");
        for (int i = 1; i < 1000; i++) buildRunAndClose();
        // ... and none of it once closed.
        long after = nativeOther();
        // NMT counts in kB: allow the rounding of one reading, nothing like 1,000 × the run's 40+ kB.
        assertTrue(after - before <= 2048,
                "native bytes after 1,000 runs were built and closed: " + (after - before) + " above the baseline");
        long deadline = System.nanoTime() + 5_000_000_000L; // kernel threads end right after close; allow a moment
        while (Thread.activeCount() > threadsBefore && System.nanoTime() < deadline) Thread.onSpinWait();
        assertTrue(Thread.activeCount() <= threadsBefore,
                "threads: " + threadsBefore + " before, " + Thread.activeCount() + " after");
    }

    @Test
    void useAfterCloseAndDoubleCloseThrow() {
        Workspace ws = Workspace.shared();
        Kernels k = Kernels.create(Provider.lookup(), 1);
        TwoLayerStudent s = new TwoLayerStudent(ws, 4, 3, Activation.RELU, OutputLayer.MEAN);
        TwoLayerStep step = new TwoLayerStep(ws, s, 5);
        ws.close();
        IllegalStateException use = assertThrows(IllegalStateException.class, () -> k.sumOfSquares(s.w));
        assertTrue(use.getMessage().contains("closed"), use.getMessage());
        assertThrows(IllegalStateException.class, () -> step.forward(k, s.w, s.w.col(0)));
        assertEquals("workspace (shared) was already closed",
                assertThrows(IllegalStateException.class, ws::close).getMessage());
        k.close();
        assertThrows(IllegalStateException.class, k::close);
    }
}
