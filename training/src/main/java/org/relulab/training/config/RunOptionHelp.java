package org.relulab.training.config;

/**
 * What {@code relulab train --help} says about each {@link RunOption}: the section it is listed in, the label of its
 * value, one description and its default as the help shows it. The switch over every option makes the compiler
 * refuse an option without help. A default that is a plain value ({@code 30}) is the one {@link RunConfig.Builder}
 * fills in (a test holds them together); one that depends on other options says how.
 *
 * @param section     where the option is listed
 * @param label       its value in the help ({@code N}); for a choice, null: the choices joined by '|'
 * @param description what it does, without the default
 * @param defaultText the default, or null for none
 */
public record RunOptionHelp(Section section, String label, String description, String defaultText) {
    /** The sections of train's options, in the help's order. */
    public enum Section {
        TEACHER("teacher"),
        DATA("data"),
        STUDENT("student"),
        TRAINING("training (objective J = (1/2n) sum (f - y)^2; losses reported are the MSE = 2J)"),
        RUN("run");

        private final String heading;

        Section(String heading) {
            this.heading = heading;
        }

        /** The line above the section's options. */
        public String heading() {
            return heading;
        }
    }

    /** The value's label in the help: {@link #label}, or the choices of {@code option} joined by '|'. */
    public String label(RunOption option) {
        return label != null ? label : String.join("|", option.choices());
    }

    /** The help of {@code o}. */
    public static RunOptionHelp of(RunOption o) {
        return switch (o) {
            case TEACHER ->
                choice(Section.TEACHER, "abs: f*(x) = sum_i a_i |w*_i.x| (LMZ20); relu: sum_j relu(w*_j.x) "
                        + "+ noise (ZYWG19); signed-relu: sum_j a_j relu(w*_j.x) + noise, unit w*_j, a_j = +-1 "
                        + "alternating (AS21); fig1: ALL19's (sin 3x1 + sin 3x2 + sin 3x3 - 2)^2 cos 7x4 (d = 4); "
                        + "concept2, concept3: ALL19's smooth 2- and 3-layer concept classes", "abs");
            case TERMS -> new RunOptionHelp(Section.TEACHER, "P", "concept2/3: terms p of the random instance", "5");
            case D -> new RunOptionHelp(Section.TEACHER, "N", "input dimension", "4 for fig1, else 30");
            case TEACHER_NEURONS -> new RunOptionHelp(Section.TEACHER, "K", "relu and signed-relu teachers' neurons",
                    "min(5, d)");
            case KAPPA -> new RunOptionHelp(Section.TEACHER, "K", "relu: condition number of W*; abs: a_i drawn in "
                    + "[1/(Kd), K/d] (1 = all 1/d); signed-relu: |a_j| = linspace(1, K)", "1");
            case NOISE -> new RunOptionHelp(Section.TEACHER, "NU",
                    "relu and signed-relu teachers' label noise, N(0, NU^2)", "0");
            case TEACHER_COSINE -> new RunOptionHelp(Section.TEACHER, "RHO", "signed-relu: the cosine between any two "
                    + "unit w*_j, from above -1/(K-1) to below 1 (0: orthonormal)", "0");
            case ORTHOGONAL -> new RunOptionHelp(Section.TEACHER, "",
                    "abs teacher with a random orthogonal W* (default: the identity)", null);
            case N -> new RunOptionHelp(Section.DATA, "N", "training samples", "10000");
            case INPUTS -> choice(Section.DATA, "x ~ N(0, I_d), or uniform on the unit sphere",
                    "sphere for fig1 and concept2/3, else gaussian");
            case TEST_N -> new RunOptionHelp(Section.DATA, "N", "held-out samples for the test (population) loss",
                    "10000");
            case NETWORK -> choice(Section.STUDENT, "two-layer: f = sum_i c_i sigma(w_i.x), shaped by --activation, "
                    + "--output and --init (LMZ20, ZYWG19); all19-2, all19-3: ALL19's ReLU networks with biases, "
                    + "a.relu(W x + b1)/sqrt(m) and a.relu(V relu(W x + b1)/sqrt(m) + b2)/sqrt(m2), W, b, V ~ N(0, 1); "
                    + "ntk-2, ntk-3: those networks linearized at their initialization (ALL19's NTK learners)",
                    "two-layer");
            case M -> new RunOptionHelp(Section.STUDENT, "M", "hidden units (all19-3: of the first hidden layer)",
                    "100");
            case M2 -> new RunOptionHelp(Section.STUDENT, "M", "all19-3 and ntk-3: units of the second hidden layer",
                    "m");
            case TRAINED -> choice(Section.STUDENT, "all19: the layers that train; last = random features", "all");
            case OUTPUT_STD -> new RunOptionHelp(Section.STUDENT, "S", "all19: a_i ~ N(0, S^2) at the start", "1");
            case ACTIVATION -> choice(Section.STUDENT, "the hidden units' sigma", "relu for signed-relu, else abs");
            case OUTPUT -> choice(Section.STUDENT, "c_i = |w_i|/m (LMZ20), 1 (ZYWG19), a_i/m, a_i/sqrt(m) (a trained)",
                    "mean for signed-relu or as21, else tied");
            case INIT -> choice(Section.STUDENT, "w_i ~ N(0, s^2 I/d), a_i ~ N(0, 1); symmetric: pairs with f = 0; "
                    + "tensor: ZYWG19's moment estimate of W* from the data (relu, ones, m <= d)", "gaussian");
            case INIT_SCALE -> new RunOptionHelp(Section.STUDENT, "S", "s of --init gaussian and symmetric", "1");
            case OPTIMIZER -> choice(Section.TRAINING, "full-batch GD, mini-batch SGD, LMZ20's truncated GD, or AS21's "
                    + "regularized GD with norm-dependent steps (conic particle GD, full batch); exact: no steps, the "
                    + "ridge solution of ntk-2, ntk-3 or all19 --trained last, lambda chosen on a held-out 20% among "
                    + "1, 0.1, ..., 1e-8, 0 (use --steps 1)", "gd");
            case LR -> new RunOptionHelp(Section.TRAINING, "ETA", "learning rate (as21: its step on the neurons' "
                    + "directions and log-masses)",
                    "m/2 tied, m/4 mean, sqrt(m)/4 sqrt, 0.1 ones, 0.3 all19, "
                            + "0.25 as21");
            case REG_LAMBDA -> new RunOptionHelp(Section.TRAINING, "L",
                    "as21: minimizes J + L sum_i |c_i| |w_i| (c_i = a_i/m: the path norm)", "0");
            case WEIGHT_DECAY -> new RunOptionHelp(Section.TRAINING, "L", "gd and sgd on J + (L/2)|theta|^2", "0");
            case LR_SCHEDULE -> choice(Section.TRAINING, "gd and sgd: constant, cosine (eta (1 + cos(pi t/T))/2) or "
                    + "linear (eta (1 - t/T)), down to 0 at the last step", "constant");
            case BATCH -> new RunOptionHelp(Section.TRAINING, "B", "sgd mini-batch size", "min(256, n)");
            case LAMBDA0 -> new RunOptionHelp(Section.TRAINING, "L",
                    "truncated GD: freeze neurons with |w|^2 > 1/lambda; lambda0 for --stage1-steps", "0.25");
            case LAMBDA1 -> new RunOptionHelp(Section.TRAINING, "L", "truncated GD: lambda after stage 1", "0.1");
            case STAGE1_STEPS -> new RunOptionHelp(Section.TRAINING, "T", "truncated GD: steps of stage 1",
                    "steps/2");
            case STEPS -> new RunOptionHelp(Section.RUN, "T", "gradient steps", "20000");
            case LOG_EVERY -> new RunOptionHelp(Section.RUN, "K", "steps between metric rows and progress lines",
                    "steps/100");
            case SEED -> new RunOptionHelp(Section.RUN, "S", "every random stream derives from it", "1");
            case THREADS -> new RunOptionHelp(Section.RUN, "T", "GEMM threads", "all cores");
            case OUT -> new RunOptionHelp(Section.RUN, "DIR", "output folder, new or empty; locked (DIR/.lock) while "
                    + "the run lasts, a second run on it exits with code 5", "runs/train-DATE-TIME");
        };
    }

    private static RunOptionHelp choice(Section section, String description, String defaultText) {
        return new RunOptionHelp(section, null, description, defaultText);
    }
}
