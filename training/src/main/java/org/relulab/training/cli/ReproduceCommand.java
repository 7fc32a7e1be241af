package org.relulab.training.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.relulab.core.Activation;
import org.relulab.core.Kernels;
import org.relulab.training.model.Initialization;
import org.relulab.training.model.OutputLayer;
import org.relulab.training.run.RunConfig;
import org.relulab.training.run.Trainer;

/**
 * {@code relulab reproduce EXPERIMENT [--quick] [--out DIR]}: presets that rerun a paper's experiment. Each run
 * of a preset goes to its own subfolder of the output folder.
 *
 * <p>lmz20: the paper's Fig. 1 (d = 30, m = 100 > 2d, n = 10⁴, |·| learner and teacher, a_i = 1/d, full-batch
 * GD, 40 000 steps) beside its Fig. 2 contrast (m = 2d = 60, 100 000 steps); the paper gives no learning
 * rate, η = m/2 here (relulab's objective is half the paper's loss). {@code --quick}: 8 000 steps each.
 */
final class ReproduceCommand {
    static final String HELP = """
              reproduce lmz20 [--quick] [--out DIR]
                         LMZ20 Fig. 1 (d = 30, m = 100) and the m = 2d contrast of Fig. 2, with the Hermite terms;
                         about 7 minutes on 2 cores, --quick about a minute [out: results/reproduce/lmz20(-quick)]
              reproduce zywg19 [--quick] [--out DIR]
                         ZYWG19: GD from the tensor init vs a random init (d = 20, K = 10), and the error floor
                         against n with noisy labels (K = 5); [out: results/reproduce/zywg19(-quick)]
              reproduce as21 [--quick] [--out DIR]
                         AS21: identification error of a signed 5-neuron ReLU teacher against the step, conic particle
                         GD with lambda = 0 vs 0.003 and m = 5, 20, 100, five seeds; about 9 minutes, --quick about a
                         minute [out: results/reproduce/as21(-quick)]
              reproduce beyond-ntk [--quick] [--d 8,16,32] [--seeds N] [--steps-per-d2 K] [--out DIR]
                         LMZ20's separation: test loss x d against d of the LMZ20 network, the NTK, the kappa1 kernel and
                         random features on the same n = 10d^2 samples; d = 8..32, 3 seeds, about 30 minutes, --quick
                         (d = 8..20, 2 seeds) about 2 minutes [out: results/reproduce/beyond-ntk(-quick)]
              reproduce all19 [--quick] [--out DIR] [--threads T]
                         ALL19 Fig. 1: test MSE against N for the 3- and 2-layer networks, their last layer only and their
                         NTK linearizations, eta and weight decay tuned on held-out data; T runs at once, one thread each;
                         about 8 minutes on 2 cores, --quick about 30 s [out: results/reproduce/all19(-quick)]
            """;

    /** A preset that writes its runs and summaries under {@code dir}, {@code threads} runs or GEMM threads at once. */
    private interface Reproduction {
        void run(Path dir, boolean quick, int threads, PrintStream out, PrintStream err) throws IOException;
    }

    private ReproduceCommand() {}

    static void run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].startsWith("--")) {
            throw new UsageException("reproduce: which experiment? (expected: reproduce lmz20|zywg19|as21|beyond-ntk|all19 [--quick])");
        }
        String experiment = args[0];
        if (experiment.equals("beyond-ntk")) { // its own options (--d, --seeds)
            BeyondNtkReproduction.command(java.util.Arrays.copyOfRange(args, 1, args.length), out);
            return;
        }
        if (!List.of("lmz20", "zywg19", "as21", "all19").contains(experiment)) {
            throw new UsageException("reproduce: unknown experiment '" + experiment + "' (expected: lmz20, zywg19, as21, beyond-ntk or all19)");
        }
        Options o = Options.parse("reproduce " + experiment, java.util.Arrays.copyOfRange(args, 1, args.length),
                new String[] {"out", "threads"}, new String[] {"quick"});
        boolean quick = o.has("quick");
        int threads = o.integer("threads", Kernels.defaultThreads(), 1, 1024);
        Reproduction preset = switch (experiment) {
            case "all19" -> All19Reproduction::run;
            case "as21" -> As21Reproduction::run;
            case "zywg19" -> Zywg19Reproduction::run;
            default -> null;
        };
        if (preset != null) {
            Path dir = Path.of(o.string("out", "results/reproduce/" + experiment + (quick ? "-quick" : "")));
            try {
                preset.run(dir, quick, threads, out, err);
            } catch (IOException e) {
                throw new UncheckedIOException("reproduce " + experiment + ": writing " + dir, e);
            }
            return;
        }
        Path dir = Path.of(o.string("out", "results/reproduce/lmz20" + (quick ? "-quick" : "")));
        record Run(String name, int m, long steps) {}
        List<Run> runs = List.of(new Run("fig1-m100", 100, quick ? 8_000 : 40_000),
                new Run("fig2-m60", 60, quick ? 8_000 : 100_000));
        for (Run r : runs) TrainCommand.checkOutput(dir.resolve(r.name));
        for (Run r : runs) {
            RunConfig cfg = new RunConfig("abs", 30, 5, 1, 0, false, 10_000, 10_000, r.m, Activation.ABS, OutputLayer.TIED,
                    Initialization.GAUSSIAN, 1, "gd", r.m / 2.0, 10_000, 0.25, 0.1, r.steps / 2, r.steps, r.steps / 200,
                    1, threads, dir.resolve(r.name));
            out.printf(Locale.ROOT, "reproduce lmz20, %s: d = 30, m = %d, %d steps -> %s%n", r.name, r.m, r.steps, cfg.out());
            try {
                Trainer.Result res = Trainer.run(cfg, err);
                out.printf(Locale.ROOT, "  test loss %.4e (x d = %.4e) after %.1f s%n", res.testLoss(), res.testLoss() * 30, res.seconds());
            } catch (IOException e) {
                throw new UncheckedIOException("reproduce: writing " + cfg.out(), e);
            }
        }
    }
}
