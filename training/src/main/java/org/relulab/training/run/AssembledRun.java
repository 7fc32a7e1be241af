package org.relulab.training.run;

import java.util.List;
import org.relulab.training.config.RunConfig;
import org.relulab.training.data.Dataset;
import org.relulab.training.metrics.LoggedMetric;
import org.relulab.training.optim.Optimizer;
import org.relulab.training.step.LearnerStep;
import org.relulab.training.student.Learner;
import org.relulab.training.teacher.Teacher;

/**
 * Everything a run's loop needs, built once by {@link RunFactory} in the run's workspace, which owns every buffer
 * until the run ends.
 *
 * @param config    the run's configuration
 * @param teacher   the target
 * @param train     the training set
 * @param test      the held-out set
 * @param learner   the trained parameters
 * @param step      the forward and backward pass on a batch
 * @param evalStep  the forward pass on evaluation chunks
 * @param batches   the batch of each step
 * @param trainEval the training loss
 * @param testEval  the test loss
 * @param optimizer the update rule
 * @param metrics   the extra columns of metrics.csv, in order: the optimizer's, then the teacher's of the learner
 */
public record AssembledRun(RunConfig config, Teacher teacher, Dataset train, Dataset test, Learner learner,
        LearnerStep step, LearnerStep evalStep, Batches batches, Evaluation trainEval,
        Evaluation testEval, Optimizer optimizer, List<LoggedMetric> metrics) {
    /** The names of the extra columns. */
    public List<String> metricColumns() {
        return metrics.stream().flatMap(m -> m.columns().stream()).toList();
    }

    /** The extra values at logged step t, in column order (logging steps only: allocates). */
    double[] metricValues(long t, int count) {
        double[] values = new double[count];
        int offset = 0;
        for (LoggedMetric m : metrics) {
            m.values(t, values, offset);
            offset += m.columns().size();
        }
        return values;
    }
}
