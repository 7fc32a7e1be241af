package org.relulab.training.run;

import java.nio.file.Path;
import org.relulab.core.Activation;
import org.relulab.training.model.Initialization;
import org.relulab.training.model.OutputLayer;

/**
 * Every option of a training run, resolved and validated: a bad value throws
 * {@link IllegalArgumentException} whose message names the command-line option, the value and what was
 * expected. Field names follow the command-line options ({@code testN} is {@code --test-n}).
 *
 * @param teacher        "abs" (LMZ20) or "relu" (ZYWG19)
 * @param d              input dimension
 * @param teacherNeurons K, neurons of the relu teacher (the abs teacher has d)
 * @param kappa          condition number of the relu teacher, spread of the abs teacher's a_i (1: a_i = 1/d)
 * @param noise          label noise ν of the relu teacher
 * @param orthogonal     abs teacher with a random orthogonal W* instead of the identity
 * @param n              training samples
 * @param testN          held-out samples for the test (population) loss
 * @param m              student width
 * @param activation     student activation, RELU or ABS
 * @param output         student output layer
 * @param init           initialization
 * @param initScale      s in w_i ~ N(0, s²I/d)
 * @param optimizer      "gd", "sgd" or "truncated"
 * @param lr             learning rate η
 * @param batch          mini-batch size (sgd); n for the others
 * @param lambda0        truncated GD: λ of stage 1
 * @param lambda1        truncated GD: λ of stage 2
 * @param stage1Steps    truncated GD: steps of stage 1
 * @param steps          gradient steps
 * @param logEvery       steps between two metric rows
 * @param seed           the one seed every random stream derives from
 * @param threads        GEMM threads
 * @param out            output folder
 */
public record RunConfig(String teacher, int d, int teacherNeurons, double kappa, double noise, boolean orthogonal, int n,
                        int testN, int m, Activation activation, OutputLayer output, Initialization init,
                        double initScale, String optimizer, double lr, int batch, double lambda0, double lambda1,
                        long stage1Steps, long steps, long logEvery, long seed, int threads, Path out) {
    public RunConfig {
        oneOf("--teacher", teacher, "abs", "relu");
        range("--d", d, 1, 100_000);
        if (teacher.equals("relu")) range("--teacher-neurons", teacherNeurons, 1, d);
        if (!(kappa >= 1 && kappa <= 1e6)) throw bad("--kappa", kappa, "a number from 1 to 1e6");
        if (!(noise >= 0 && noise <= 1e6)) throw bad("--noise", noise, "a number from 0 to 1e6");
        if (noise > 0 && teacher.equals("abs")) throw new IllegalArgumentException("--noise " + noise
                + ": the abs teacher (LMZ20) is noiseless (expected --noise 0, or --teacher relu)");
        range("--n", n, 1, 100_000_000);
        range("--test-n", testN, 1, 100_000_000);
        range("--m", m, 1, 1_000_000);
        if (activation != Activation.RELU && activation != Activation.ABS) throw bad("--activation", activation, "relu or abs");
        if (init == Initialization.SYMMETRIC && (!output.trainable() || m % 2 != 0)) {
            throw new IllegalArgumentException("--init symmetric needs --output mean or sqrt and an even --m (got --output "
                    + output.key() + ", --m " + m + ")");
        }
        if (init == Initialization.TENSOR && (output != OutputLayer.ONES || activation != Activation.RELU || m > d || n < 3)) {
            throw new IllegalArgumentException("--init tensor (ZYWG19) needs --activation relu, --output ones, --m at most --d "
                    + "and --n at least 3 (got " + activation.name().toLowerCase(java.util.Locale.ROOT) + ", " + output.key()
                    + ", --m " + m + ", --d " + d + ", --n " + n + ")");
        }
        if (!(initScale > 0 && initScale <= 1e6)) throw bad("--init-scale", initScale, "a number above 0, at most 1e6");
        oneOf("--optimizer", optimizer, "gd", "sgd", "truncated");
        if (!(lr > 0 && lr <= 1e9)) throw bad("--lr", lr, "a number above 0, at most 1e9");
        if (optimizer.equals("sgd")) range("--batch", batch, 1, n);
        else if (batch != n) {
            throw new IllegalArgumentException("--batch " + batch + " is for --optimizer sgd only (" + optimizer
                    + " uses all " + n + " samples each step)");
        }
        if (!(lambda0 > 0 && lambda1 > 0)) {
            throw new IllegalArgumentException("--lambda0 " + lambda0 + " --lambda1 " + lambda1 + ": expected positive numbers");
        }
        if (stage1Steps < 0) throw bad("--stage1-steps", stage1Steps, "0 or more");
        if (steps < 1 || steps > 1_000_000_000L) throw bad("--steps", steps, "1 to 1e9");
        if (logEvery < 1 || logEvery > steps) throw bad("--log-every", logEvery, "1 to --steps (" + steps + ")");
        range("--threads", threads, 1, 1024);
        if (out == null) throw new IllegalArgumentException("--out: no output folder");
    }

    /** Bytes of off-heap memory the run allocates (data, buffers, parameters), estimated before allocating. */
    public long memoryBytes() {
        int rows = Math.min(batch, n);
        long floats = (long) n * (d + 1) + (long) testN * (d + 1)                    // data sets
                + 2L * rows * m + rows                                            // step: z, h, f
                + 2L * Math.min(Evaluation.CHUNK, Math.max(n, testN)) * m         // evaluation buffers
                + 4L * m * d + 8L * m                                             // W, ∇W, a, ∇a, vectors
                + (optimizer.equals("sgd") ? (long) rows * (d + 1) : 0);           // the gathered batch
        long teacherRows = teacher.equals("abs") ? d : teacherNeurons;
        floats += teacherRows * (d + 2) + 2L * Math.max(n, testN) * teacherRows;  // teacher and its labelling
        return floats * Float.BYTES;
    }

    private static void oneOf(String option, String value, String... allowed) {
        for (String a : allowed) if (a.equals(value)) return;
        throw new IllegalArgumentException(option + " '" + value + "': expected one of " + String.join(", ", allowed));
    }

    private static void range(String option, long value, long min, long max) {
        if (value < min || value > max) throw bad(option, value, min + " to " + max);
    }

    private static IllegalArgumentException bad(String option, Object value, String expected) {
        return new IllegalArgumentException(option + " " + value + " is out of range (expected " + expected + ")");
    }
}
