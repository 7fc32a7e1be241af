package org.relulab.training.metrics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.relulab.training.plot.LinePlot;
import org.relulab.training.student.TwoLayerStudent;
import org.relulab.training.teacher.Teacher;

/** ZYWG19's parameter recovery: ‖W − W*‖_F / ‖W*‖_F after the best matching of student to teacher neurons. */
public record RecoveryMetric(TwoLayerStudent student, Teacher teacher) implements LoggedMetric {
    @Override
    public List<String> columns() {
        return List.of("recovery_error");
    }

    @Override
    public void values(long t, double[] into, int offset) {
        into[offset] = ParameterRecovery.relativeError(DoubleRows.of(student.w), DoubleRows.of(teacher.weights()));
    }

    @Override
    public void plot(Path dir, String title, double[] steps, Function<String, double[]> column) throws IOException {
        new LinePlot("Parameter recovery: " + title, "step", "‖W − W*‖_F / ‖W*‖_F (best matching)", false)
                .add("recovery error", steps, column.apply("recovery_error")).write(dir.resolve("recovery.svg"));
    }
}
