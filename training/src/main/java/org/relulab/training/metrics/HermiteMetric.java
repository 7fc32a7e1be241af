package org.relulab.training.metrics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.relulab.training.io.TextFile;
import org.relulab.training.plot.LinePlot;
import org.relulab.training.student.TwoLayerStudent;
import org.relulab.training.teacher.AbsTeacher;

/** LMZ20's Hermite terms of order 0, 2, 4, 6 of the population loss of a norm-tied student against the abs teacher. */
public record HermiteMetric(TwoLayerStudent student, AbsTeacher teacher) implements LoggedMetric {
    private static final List<String> COLUMNS = List.of("hermite_0", "hermite_2", "hermite_4", "hermite_6");

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public void values(long t, double[] into, int offset) {
        double[] terms = HermiteTerms.of(student, teacher).terms(6);
        for (int order = 0; order <= 6; order += 2) into[offset++] = terms[order];
    }

    @Override
    public void plot(Path dir, String title, double[] steps, Function<String, double[]> column) throws IOException {
        LinePlot p = new LinePlot("LMZ20 Hermite terms of the population loss: " + title, "step", "term", false);
        for (int order = 0; order <= 6; order += 2) p.add("order " + order, steps, column.apply("hermite_" + order));
        TextFile.write(dir.resolve("hermite.svg"), p.svg());
    }
}
