package org.relulab.training.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.core.Activation;
import org.relulab.core.Provider;
import org.relulab.training.config.OptimizerKind;
import org.relulab.training.config.RunConfig;
import org.relulab.training.config.TeacherKind;
import org.relulab.training.data.InputDistribution;
import org.relulab.training.student.Initialization;
import org.relulab.training.student.OutputLayer;
import org.relulab.training.student.TrainedLayers;

/** A whole AS21 run: the signed-relu teacher, conic particle GD with the path norm, the identification columns. */
class SignedReluRunTest {
    @TempDir
    Path tmp;

    @Test
    void conicParticleGdIdentifiesASmallTeacherAndLogsIt() throws Exception {
        Path out = tmp.resolve("as21");
        RunConfig cfg = RunConfig.defaults().teacher(TeacherKind.SIGNED_RELU).d(8).teacherNeurons(3).n(2000).testN(1000)
                .m(30).optimizer(OptimizerKind.AS21).lr(0.5).regLambda(0.003).steps(1500).logEvery(300).threads(2)
                .out(out)
                .build();
        Trainer.run(cfg, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Provider.lookup());
        String header = Files.readAllLines(out.resolve("metrics.csv")).get(0);
        assertEquals("step,epoch,train_loss,test_loss,test_loss_x_d,identification_error,mass_outside,max_angle_deg,"
                + "mass_ratio_0,mass_ratio_1,mass_ratio_2,angle_deg_0,angle_deg_1,angle_deg_2,seconds", header);
        Map<String, double[]> m = MetricsCsv.read(out.resolve("metrics.csv"));
        double[] error = m.get("identification_error"), angle = m.get("max_angle_deg");
        int last = error.length - 1;
        assertTrue(error[0] > 0.9 && error[last] < 0.15, "identification error " + error[0] + " -> " + error[last]);
        assertTrue(angle[last] < 3, "largest angle to a heavy student neuron: " + angle[last] + "°");
        for (String f : new String[] {"identification.svg", "teacher_output_weight.npy", "teacher_layer1_weight.npy",
                "student_output_weight.npy"}) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        assertTrue(Files.readString(out.resolve("manifest.json")).contains("conic particle gradient descent"));
    }
}
