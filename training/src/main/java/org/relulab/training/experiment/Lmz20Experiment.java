package org.relulab.training.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * LMZ20's Fig. 1 (d = 30, m = 100 > 2d, n = 10⁴, |·| learner and teacher, a_i = 1/d, full-batch GD, 40 000 steps)
 * beside its Fig. 2 contrast (m = 2d = 60, 100 000 steps); the paper gives no learning rate, η = m/2 here (relulab's
 * objective is half the paper's loss). The grid is {@code sweeps/presets/lmz20/fig1-fig2.toml}; {@code --quick}: 8 000
 * steps each. The report prints each run's final test loss, d times it (LMZ20's normalization), and the exact
 * population loss the run logged.
 */
public final class Lmz20Experiment implements SweepExperiment {
    @Override
    public String name() {
        return "lmz20";
    }

    @Override
    public String help() {
        return """
              reproduce lmz20 [--quick] [--out DIR]
                         LMZ20 Fig. 1 (d = 30, m = 100) and the m = 2d contrast of Fig. 2, with the Hermite terms;
                         about 7 minutes on 2 cores (both runs at once), --quick 35 s
                         [out: results/reproduce/lmz20(-quick)]
            """;
    }

    @Override
    public List<String> sweeps() {
        return List.of("fig1-fig2");
    }

    @Override
    public void report(PresetRuns runs, PrintStream out) throws IOException {
        for (PresetRuns.Run r : runs.of("fig1-fig2")) {
            int d = r.config().data().d();
            double[] population = r.metrics().get("population_loss"); // absent from runs made before it was logged
            out.printf(Locale.ROOT, "reproduce lmz20, %s: d = %d, m = %d, %d steps: test loss %.4e (x d = %.4e)%s "
                    + "after %.1f s%n", r.point().name(), d, r.config().student().m(), r.result().stepsDone(),
                    r.result().finalTestLoss(), r.result().finalTestLoss() * d,
                    population == null
                            ? ""
                            : String.format(Locale.ROOT, ", population loss %.4e (exact)",
                                    population[population.length - 1]),
                    r.result().seconds());
        }
    }
}
