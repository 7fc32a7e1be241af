package org.relulab.training.metrics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.relulab.training.plot.LinePlot;
import org.relulab.training.student.TwoLayerStudent;
import org.relulab.training.teacher.AbsTeacher;

/**
 * LMZ20's population loss of a norm-tied student against the abs teacher, exact ({@code population_loss}: the
 * closed form of {@link HermiteTerms#exactPopulationLoss}, E over x ~ N(0, I) of (f − f*)², beside the sampled test
 * loss), and its Hermite terms of order 0, 2, 4, 6.
 */
public record HermiteMetric(TwoLayerStudent student, AbsTeacher teacher) implements LoggedMetric {
    private static final List<String> COLUMNS = List.of("population_loss", "hermite_0", "hermite_2", "hermite_4",
            "hermite_6");

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public void values(long t, double[] into, int offset) {
        HermiteTerms h = HermiteTerms.of(student, teacher);
        into[offset++] = h.exactPopulationLoss();
        double[] terms = h.terms(6);
        for (int order = 0; order <= 6; order += 2) into[offset++] = terms[order];
    }

    @Override
    public void plot(Path dir, String title, double[] steps, Function<String, double[]> column) throws IOException {
        LinePlot p = new LinePlot("LMZ20 Hermite terms of the population loss: " + title, "step",
                "term of the population loss (squared error)", false);
        p.add("population loss (exact)", steps, column.apply("population_loss"));
        p.addDashed("test loss (sampled)", steps, column.apply("test_loss")); // dashed: it lies on the exact one
        for (int order = 0; order <= 6; order += 2) p.add("order " + order, steps, column.apply("hermite_" + order));
        p.write(dir.resolve("hermite.svg"));
    }
}
