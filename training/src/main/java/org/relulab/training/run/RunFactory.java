package org.relulab.training.run;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.relulab.core.Kernels;
import org.relulab.core.Workspace;
import org.relulab.training.config.NetworkKind;
import org.relulab.training.config.RunConfig;
import org.relulab.training.data.DataSource;
import org.relulab.training.data.Dataset;
import org.relulab.training.metrics.LoggedMetric;
import org.relulab.training.optim.Optimizer;
import org.relulab.training.teacher.Teacher;

/**
 * Assembles a run from its configuration: the teacher, the data sets, the learner with its steps, the batches, the
 * evaluations, the optimizer and the metrics, each built by the kind the configuration names.
 *
 * <p>Seeds: the teacher uses seed, the training set seed + 1 (its label noise seed + 2), the test set seed + 3
 * (noise seed + 4), the initialization seed + 5, the mini-batch order seed + 6 and seed + 7.
 */
public final class RunFactory {
    private RunFactory() {}

    /**
     * The run {@code cfg} describes, every buffer in {@code ws}. Creates the output folder only once the data sets
     * are in hand, so that a run refused for its data leaves nothing behind; writes them there when {@code data}
     * says so.
     */
    public static AssembledRun assemble(RunConfig cfg, Workspace ws, Kernels k, DataSource data) throws IOException {
        Teacher teacher = cfg.teacher().kind().create(ws, cfg);
        Dataset train = data.load(ws, k, teacher, cfg.data().n(), false, cfg.seed() + 1, cfg.data().inputs());
        Dataset test = data.load(ws, k, teacher, cfg.data().testN(), true, cfg.seed() + 3, cfg.data().inputs());
        Files.createDirectories(cfg.out());
        if (data.save()) DataSource.saveAll(cfg.out(), train, test);
        int rows = Math.min(cfg.optimizer().batch(), cfg.data().n());
        int evalRows = Evaluation.rowsFor(Math.max(cfg.data().n(), cfg.data().testN()));
        NetworkKind.Network net = cfg.student().network().create(ws, k, cfg, train.x(), train.y(), rows, evalRows);
        Batches batches = new Batches(ws, train, cfg.optimizer().batch(), cfg.seed() + 6);
        Evaluation trainEval = new Evaluation(ws, train), testEval = new Evaluation(ws, test);
        Optimizer optimizer = cfg.optimizer().kind().create(ws, cfg);
        List<LoggedMetric> metrics = new ArrayList<>(optimizer.metrics(net.evalStep(), net.learner()));
        metrics.addAll(net.learner().metrics(teacher));
        return new AssembledRun(cfg, teacher, train, test, net.learner(), net.step(), net.evalStep(), batches,
                trainEval,
                testEval, optimizer, List.copyOf(metrics));
    }
}
