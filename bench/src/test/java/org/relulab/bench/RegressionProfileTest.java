package org.relulab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.training.failure.ExitCode;

/** {@link RegressionProfile} and {@code JmhCompare --profile}: the stack profiler parsed, the side-by-side view. */
class RegressionProfileTest {
    @TempDir
    Path tmp;

    /** The stack profiler's section of a real run (GemmBenchmark.gemm, sq256, 1 thread, JMH 1.37), trimmed. */
    static String stackOutput(String kernel, double kernelShare, double packShare) {
        return """
                Secondary result "org.relulab.bench.GemmBenchmark.gemm:stack":
                Stack profiler:

                ....[Thread state distributions]....................................................................
                 66.3%         RUNNABLE
                 33.3%         TIMED_WAITING

                ....[Thread state: RUNNABLE]........................................................................
                 33.3%  50.3% <stack is empty, everything is filtered?>
                 22.4%  KERNEL_SHARE% KERNEL
                  3.1%   PACK_SHARE% org.relulab.core.GemmPacking.transpose8
                  1.6%   2.4% <other>

                ....[Thread state: TIMED_WAITING]...................................................................
                 33.3% 100.0% java.lang.Object.wait0
                """.replace("KERNEL_SHARE", String.valueOf(kernelShare)).replace("KERNEL", kernel)
                .replace("PACK_SHARE", String.valueOf(packShare));
    }

    @Test
    void parsesTheRunnableSectionOnly() {
        List<RegressionProfile.HotMethod> hot = RegressionProfile.parse(
                stackOutput("org.relulab.core.SimdMicroKernel.multiply8x2", 33.7, 4.7));
        assertEquals(List.of(new RegressionProfile.HotMethod("<stack is empty, everything is filtered?>", 50.3),
                new RegressionProfile.HotMethod("org.relulab.core.SimdMicroKernel.multiply8x2", 33.7),
                new RegressionProfile.HotMethod("org.relulab.core.GemmPacking.transpose8", 4.7),
                new RegressionProfile.HotMethod("<other>", 2.4)), hot);
        assertEquals(List.of(), RegressionProfile.parse("no profiler output here\n"));
    }

    @Test
    void compareProfilesEachRegressionWithBothJarsSideBySide() throws Exception {
        Path base = tmp.resolve("base.json"), next = tmp.resolve("new.json");
        Files.writeString(base, "[" + JmhCompareTest.record("GemmBenchmark.gemm", "sq512", 100, 1, "ops/s") + ","
                + JmhCompareTest.record("GemmBenchmark.gemm", "fwd", 50, 1, "ops/s") + "]");
        Files.writeString(next, "[" + JmhCompareTest.record("GemmBenchmark.gemm", "sq512", 60, 1, "ops/s") + ","
                + JmhCompareTest.record("GemmBenchmark.gemm", "fwd", 50, 1, "ops/s") + "]");
        Path baseJar = Files.writeString(tmp.resolve("base.jar"), "jar"), newJar = Files.writeString(
                tmp.resolve("new.jar"), "jar");
        List<String> calls = new ArrayList<>();
        RegressionProfile.Runner fake = (jar, benchmark, params) -> {
            calls.add(jar.getFileName() + " " + benchmark + " " + params.get("shape"));
            return jar.equals(baseJar)
                    ? stackOutput("org.relulab.core.SimdMicroKernel.multiply8x2", 33.7, 4.7)
                    : stackOutput("org.relulab.core.SimdMicroKernel.multiply4x1", 61.0, 9.5);
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = JmhCompare.run(new String[] {"--profile", baseJar.toString(), newJar.toString(), base.toString(),
                next.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), fake);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCode.REGRESSION.code(), code, text);
        assertEquals(List.of("base.jar GemmBenchmark.gemm sq512", "new.jar GemmBenchmark.gemm sq512"), calls,
                "only the regressed benchmark is profiled, with its own parameters, once per build");
        assertTrue(text.contains("### Profile: GemmBenchmark.gemm shape=sq512 threads=1"), text);
        assertTrue(
                text.matches("(?s).*\\| org\\.relulab\\.core\\.SimdMicroKernel\\.multiply4x1 +\\| +\\| +61\\.0 \\|.*"),
                text);
        assertTrue(text.matches(
                "(?s).*\\| org\\.relulab\\.core\\.GemmPacking\\.transpose8 +\\| +4\\.7 \\| +9\\.5 \\| +\\+4\\.8 \\|.*"),
                text);
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aMissingJarIsABadArgument() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = JmhCompare.run(new String[] {"--profile", tmp.resolve("nope.jar").toString(), "x.jar", "a.json",
                "b.json"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                (jar, b, p) -> "");
        assertEquals(ExitCode.USAGE.code(), code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--profile: " + tmp.resolve("nope.jar")
                + " is not a file"), err.toString(StandardCharsets.UTF_8));
    }
}
