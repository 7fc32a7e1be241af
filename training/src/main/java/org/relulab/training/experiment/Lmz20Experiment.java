package org.relulab.training.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.relulab.training.config.RunConfig;
import org.relulab.training.run.OutputFolder;
import org.relulab.training.run.Trainer;

/**
 * LMZ20's Fig. 1 (d = 30, m = 100 > 2d, n = 10⁴, |·| learner and teacher, a_i = 1/d, full-batch GD, 40 000 steps)
 * beside its Fig. 2 contrast (m = 2d = 60, 100 000 steps); the paper gives no learning rate, η = m/2 here (relulab's
 * objective is half the paper's loss). {@code --quick}: 8 000 steps each.
 */
public final class Lmz20Experiment implements Experiment {
    private record Run(String name, int m, long steps) {}

    @Override
    public String name() {
        return "lmz20";
    }

    @Override
    public String help() {
        return """
              reproduce lmz20 [--quick] [--out DIR]
                         LMZ20 Fig. 1 (d = 30, m = 100) and the m = 2d contrast of Fig. 2, with the Hermite terms;
                         about 7 minutes on 2 cores, --quick about a minute [out: results/reproduce/lmz20(-quick)]
            """;
    }

    @Override
    public void run(ExperimentSettings s, PrintStream out, PrintStream err) throws IOException {
        Path dir = s.out();
        List<Run> runs = List.of(new Run("fig1-m100", 100, s.quick() ? 8_000 : 40_000),
                new Run("fig2-m60", 60, s.quick() ? 8_000 : 100_000));
        for (Run r : runs) OutputFolder.requireNewOrEmpty(dir.resolve(r.name));
        for (Run r : runs) {
            // the defaults are LMZ20's setting: abs teacher, d = 30, n = 10⁴, |·| student, norm-tied output, GD, η =
            // m/2
            RunConfig cfg = RunConfig.defaults().m(r.m).steps(r.steps).logEvery(r.steps / 200).threads(s.threads())
                    .out(dir.resolve(r.name)).build();
            out.printf(Locale.ROOT, "reproduce lmz20, %s: d = 30, m = %d, %d steps -> %s%n", r.name, r.m, r.steps,
                    cfg.out());
            Trainer.Result res = Trainer.run(cfg, err);
            out.printf(Locale.ROOT, "  test loss %.4e (x d = %.4e) after %.1f s%n", res.testLoss(), res.testLoss() * 30,
                    res.seconds());
        }
    }
}
