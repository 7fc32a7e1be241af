package org.relulab.training.metrics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.relulab.training.plot.LinePlot;
import org.relulab.training.student.TwoLayerStudent;
import org.relulab.training.teacher.SignedReluTeacher;

/** AS21's identification of the signed-relu teacher's neurons by a two-layer ReLU student. */
public record IdentificationMetric(TwoLayerStudent student, SignedReluTeacher teacher) implements LoggedMetric {
    @Override
    public List<String> columns() {
        return TeacherIdentification.columns(teacher.weights().rows());
    }

    @Override
    public void values(long t, double[] into, int offset) {
        double[] id = TeacherIdentification.of(student, teacher).values();
        System.arraycopy(id, 0, into, offset, id.length);
    }

    @Override
    public void plot(Path dir, String title, double[] steps, Function<String, double[]> column) throws IOException {
        new LinePlot("AS21 teacher identification: " + title, "step", "relative mass error; angle (°)", false)
                .add("identification error E", steps, column.apply("identification_error"))
                .add("mass outside the 10° cones", steps, column.apply("mass_outside"))
                .add("max angle to a heavy neuron (°)", steps, column.apply("max_angle_deg"))
                .write(dir.resolve("identification.svg"));
    }
}
