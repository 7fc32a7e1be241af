package org.relulab.training.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.core.Activation;
import org.relulab.core.Provider;
import org.relulab.training.config.NetworkKind;
import org.relulab.training.config.OptimizerKind;
import org.relulab.training.config.RunConfig;
import org.relulab.training.config.TeacherKind;
import org.relulab.training.plot.SvgCheck;
import org.relulab.training.student.Initialization;
import org.relulab.training.student.OutputLayer;

/** Whole runs: outputs, learning, determinism, and the SIMD and scalar providers agreeing. */
class TrainerTest {
    @TempDir
    Path tmp;

    static RunConfig config(Path out, TeacherKind teacher, OptimizerKind optimizer, OutputLayer output, int threads,
            long steps) {
        int n = 2000;
        double lr = switch (output) { // the defaults of the train command at m = 20, halved for TIED
            case TIED -> 5;
            case MEAN -> 5;
            case SQRT -> 1;
            case ONES -> 0.1;
        };
        return RunConfig.defaults().teacher(teacher).d(8).teacherNeurons(3).n(n).testN(1000).m(20)
                .activation(teacher == TeacherKind.ABS ? Activation.ABS : Activation.RELU).output(output)
                .optimizer(optimizer)
                .lr(lr).batch(optimizer == OptimizerKind.SGD ? 100 : n).lambda0(0.5).lambda1(0.2).steps(steps)
                .logEvery(Math.max(1, steps / 10)).seed(7).threads(threads).out(out).build();
    }

    private static Trainer.Result run(RunConfig cfg, Provider p) throws Exception {
        return Trainer.run(cfg, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), p);
    }

    @Test
    void writesMetricsAndManifestAndLearns() throws Exception {
        RunConfig cfg = config(tmp.resolve("run"), TeacherKind.ABS, OptimizerKind.GD, OutputLayer.TIED, 2, 300);
        Trainer.Result r = run(cfg, Provider.lookup());
        List<String> rows = Files.readAllLines(cfg.out().resolve("metrics.csv"));
        assertEquals("step,epoch,train_loss,test_loss,test_loss_x_d,population_loss,hermite_0,hermite_2,hermite_4,"
                + "hermite_6,seconds", rows.get(0));
        // the exact population loss and the sampled test loss estimate the same number: at the start and the end
        for (int row : new int[] {1, 11}) {
            String[] c = rows.get(row).split(",");
            double test = Double.parseDouble(c[3]), population = Double.parseDouble(c[5]);
            assertEquals(population, test, 0.25 * population, "row " + row + ": population vs test loss");
        }
        assertEquals(12, rows.size(), "header + steps 0, 30, ..., 300");
        double first = Double.parseDouble(rows.get(1).split(",")[3]),
                last = Double.parseDouble(rows.get(11).split(",")[3]);
        assertTrue(last < 0.5 * first, "test loss falls: " + first + " -> " + last);
        assertEquals(last, r.testLoss(), 1e-6 * last);
        String manifest = Files.readString(cfg.out().resolve("manifest.json"));
        for (String key : new String[] {"\"options\"", "\"seed\": 7", "\"kernels\"", "\"jdk\"", "\"cpu\"",
                "\"git_commit\"",
                "\"rng\"", "\"result\"", "\"steps_done\": 300"}) {
            assertTrue(manifest.contains(key), "manifest has " + key + ":\n" + manifest);
        }
        assertFalse(r.diverged());
        String svg = Files.readString(cfg.out().resolve("loss.svg"));
        assertTrue(svg.startsWith("<svg") && svg.contains("train loss") && svg.contains("<polyline"), "loss.svg");
        String hermite = Files.readString(cfg.out().resolve("hermite.svg"));
        assertTrue(hermite.contains("order 4") && hermite.contains("population loss (exact)"), "hermite.svg");
        assertEquals(2, SvgCheck.checkAll(cfg.out()), "loss.svg and hermite.svg, with their data beside them");
        var w = org.relulab.training.io.Npy.read(cfg.out().resolve("student_layer1_weight.npy"));
        assertEquals(20, w.rows());
        assertEquals(8, w.cols());
        assertTrue(
                Files.exists(cfg.out().resolve("teacher_layer1_weight.npy"))
                        && Files.exists(cfg.out().resolve("teacher_output_weight.npy")));
        // The order-2 Hermite term falls as the student learns the teacher's second moment.
        double h2first = Double.parseDouble(rows.get(1).split(",")[7]),
                h2last = Double.parseDouble(rows.get(11).split(",")[7]);
        assertTrue(h2last < h2first, "hermite_2: " + h2first + " -> " + h2last);
    }

    @Test
    void tensorInitThenGradientDescentRecoversTheReluTeacher() throws Exception {
        RunConfig base = config(tmp.resolve("tensor"), TeacherKind.RELU, OptimizerKind.GD, OutputLayer.ONES, 1, 400);
        RunConfig cfg = base.toBuilder().kappa(2).n(6000).m(3).init(Initialization.TENSOR).lr(0.5).batch(6000)
                .logEvery(40)
                .threads(1).build();
        Trainer.Result r = run(cfg, Provider.lookup());
        List<String> rows = Files.readAllLines(cfg.out().resolve("metrics.csv"));
        int col = List.of(rows.get(0).split(",")).indexOf("recovery_error");
        double first = Double.parseDouble(rows.get(1).split(",")[col]),
                last = Double.parseDouble(rows.get(rows.size() - 1).split(",")[col]);
        assertTrue(first < 0.8, "the tensor init starts near W*: " + first);
        assertTrue(last < 1e-4, "GD converges to W* (noiseless teacher): " + first + " -> " + last);
        assertFalse(r.diverged());
    }

    @Test
    void all19NetworksAndTheirLinearizationsTrainOnTheFig1TargetAndSaveEveryBlock() throws Exception {
        for (NetworkKind kind : NetworkKind.values()) {
            if (kind == NetworkKind.TWO_LAYER) continue;
            String network = kind.key();
            RunConfig base = config(tmp.resolve(network), TeacherKind.ABS, OptimizerKind.SGD, OutputLayer.MEAN, 1, 300);
            RunConfig cfg = RunConfig.defaults().teacher(TeacherKind.FIG1).n(2000).testN(1000).network(kind).m(32)
                    .optimizer(OptimizerKind.SGD).lr(0.3).batch(50).weightDecay(1e-4).steps(1500).logEvery(150).seed(7)
                    .threads(1).out(base.out()).build();
            Trainer.Result r = run(cfg, Provider.lookup());
            List<String> rows = Files.readAllLines(cfg.out().resolve("metrics.csv"));
            assertEquals("step,epoch,train_loss,test_loss,test_loss_x_d,seconds", rows.get(0), network);
            double first = Double.parseDouble(rows.get(1).split(",")[3]);
            // measured: 28.5 -> 14.4 (all19-2), 28.8 -> 2.8 (all19-3), 28.5 -> 24.1 (ntk-2), 28.8 -> 23.9 (ntk-3)
            assertTrue(r.testLoss() < (network.startsWith("ntk") ? 0.95 : 0.7) * first,
                    network + ": test loss falls: " + first + " -> " + r.testLoss());
            for (String f : network.endsWith("-2")
                    ? List.of("student_layer1_weight", "student_layer1_bias", "student_output_weight")
                    : List.of("student_layer1_weight", "student_layer1_bias", "student_layer2_weight",
                            "student_layer2_bias", "student_output_weight")) {
                assertTrue(Files.exists(cfg.out().resolve(f + ".npy")), network + ": " + f);
            }
            assertTrue(
                    Files.readString(cfg.out().resolve("manifest.json")).contains("\"network\": \"" + network + "\""),
                    network);
        }
    }

    @Test
    void divergingRunStopsAndSaysSo() throws Exception {
        for (String teacher : new String[] {"abs", "relu"}) {
            TeacherKind kind = teacher.equals("abs") ? TeacherKind.ABS : TeacherKind.RELU;
            RunConfig base = config(tmp.resolve("diverge-" + teacher), kind, OptimizerKind.GD,
                    kind == TeacherKind.ABS ? OutputLayer.TIED : OutputLayer.ONES, 1, 100);
            RunConfig cfg = base.toBuilder().lr(1e8).logEvery(1).build();
            ByteArrayOutputStream progress = new ByteArrayOutputStream();
            Trainer.Result r = Trainer.run(cfg, new PrintStream(progress, true, StandardCharsets.UTF_8),
                    Provider.lookup());
            assertTrue(r.diverged(), teacher);
            assertTrue(r.steps() < 100, teacher + ": stopped early at " + r.steps());
            assertTrue(progress.toString(StandardCharsets.UTF_8).contains("the run diverged; try a smaller --lr"),
                    teacher);
            List<String> rows = Files.readAllLines(cfg.out().resolve("metrics.csv"));
            assertTrue(rows.get(rows.size() - 1).contains("NaN") || rows.get(rows.size() - 1).contains("Infinity"),
                    rows.get(rows.size() - 1));
        }
    }

    @Test
    void reluTeacherRunsLogParameterRecovery() throws Exception {
        RunConfig cfg = RunConfig.defaults().teacher(TeacherKind.RELU).d(8).teacherNeurons(3).n(2000).testN(1000).m(3)
                .activation(Activation.RELU).output(OutputLayer.ONES).lr(0.2).steps(400).logEvery(40).seed(11)
                .threads(1)
                .out(tmp.resolve("relu")).build();
        run(cfg, Provider.lookup());
        List<String> rows = Files.readAllLines(cfg.out().resolve("metrics.csv"));
        assertEquals("step,epoch,train_loss,test_loss,test_loss_x_d,recovery_error,seconds", rows.get(0));
        double first = Double.parseDouble(rows.get(1).split(",")[5]),
                last = Double.parseDouble(rows.get(rows.size() - 1).split(",")[5]);
        assertTrue(last < first, "recovery error falls: " + first + " -> " + last);
        assertTrue(Files.exists(cfg.out().resolve("recovery.svg")));
    }

    @Test
    void savedDataSetsLoadBackIntoTheSameRun() throws Exception {
        RunConfig a = config(tmp.resolve("a"), TeacherKind.ABS, OptimizerKind.GD, OutputLayer.TIED, 1, 60);
        RunConfig b = config(tmp.resolve("b"), TeacherKind.ABS, OptimizerKind.GD, OutputLayer.TIED, 1, 60);
        Trainer.run(a, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Provider.lookup(),
                new org.relulab.training.data.DataSource(null, true));
        Trainer.run(b, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Provider.lookup(),
                new org.relulab.training.data.DataSource(a.out(), false));
        assertEquals(losses(a.out()), losses(b.out()), "the same data from .npy gives the same run");
        RunConfig wrong = RunConfig.defaults().d(9).n(2000).testN(1000).m(20).lr(5).steps(10).logEvery(5).seed(7)
                .threads(1)
                .out(tmp.resolve("wrong")).build();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Trainer.run(wrong, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        Provider.lookup(), new org.relulab.training.data.DataSource(a.out(), false)));
        assertTrue(e.getMessage().contains("expected 2000 x 9"), e.getMessage());
        assertFalse(Files.exists(wrong.out()), "nothing written for a refused run");
    }

    @Test
    void sameSeedGivesBitIdenticalMetricsAndWeightsOnOneAndTwoThreads() throws Exception {
        for (int threads : new int[] {1, 2}) {
            RunConfig a = config(tmp.resolve("a" + threads), TeacherKind.RELU, OptimizerKind.SGD, OutputLayer.MEAN,
                    threads, 200);
            RunConfig b = config(tmp.resolve("b" + threads), TeacherKind.RELU, OptimizerKind.SGD, OutputLayer.MEAN,
                    threads, 200);
            run(a, Provider.lookup());
            run(b, Provider.lookup());
            assertEquals(losses(a.out()), losses(b.out()), threads + " threads");
            org.junit.jupiter.api.Assertions.assertArrayEquals(
                    Files.readAllBytes(a.out().resolve("student_layer1_weight.npy")),
                    Files.readAllBytes(b.out().resolve("student_layer1_weight.npy")),
                    threads + " threads: final weights");
        }
        // GEMM splits its work so that every element sums in the same order for any thread count.
        assertEquals(losses(tmp.resolve("a1")), losses(tmp.resolve("a2")), "1 thread against 2");
        org.junit.jupiter.api.Assertions.assertArrayEquals(
                Files.readAllBytes(tmp.resolve("a1").resolve("student_layer1_weight.npy")),
                Files.readAllBytes(tmp.resolve("a2").resolve("student_layer1_weight.npy")),
                "1 thread against 2: final weights");
    }

    @Test
    void simdAndScalarProvidersAgreeOnAShortRun() throws Exception {
        for (OutputLayer out : OutputLayer.values()) {
            RunConfig simd = config(tmp.resolve("simd-" + out), TeacherKind.ABS, OptimizerKind.TRUNCATED, out, 1, 100);
            RunConfig scalar = config(tmp.resolve("scalar-" + out), TeacherKind.ABS, OptimizerKind.TRUNCATED, out, 1,
                    100);
            double a = run(simd, Provider.SIMD).testLoss(), b = run(scalar, Provider.SCALAR).testLoss();
            // Same arithmetic up to summation order: the runs may drift apart by float rounding only.
            assertEquals(a, b, 1e-3 * a, out + ": final test loss SIMD vs scalar");
        }
    }

    private static List<String> losses(Path out) throws Exception {
        return Files.readAllLines(out.resolve("metrics.csv")).stream()
                .map(l -> l.substring(0, l.lastIndexOf(','))).toList(); // all but the wall time
    }
}
