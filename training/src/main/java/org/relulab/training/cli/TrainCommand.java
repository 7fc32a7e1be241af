package org.relulab.training.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.relulab.core.Provider;
import org.relulab.training.config.RunConfig;
import org.relulab.training.config.RunOption;
import org.relulab.training.data.DataSource;
import org.relulab.training.failure.Failure;
import org.relulab.training.failure.FileProblem;
import org.relulab.training.run.OutputFolder;
import org.relulab.training.run.RunLock;
import org.relulab.training.run.Trainer;

/** {@code relulab train}: one teacher–student run; every option, its default and examples are in {@link #HELP}. */
final class TrainCommand {
    /** The options beyond the run configuration's ({@link RunOption}): where data and checkpoints come from. */
    private static final List<String> SOURCE_OPTIONS = List.of("data", "checkpoint-every", "resume");
    private static final List<String> SOURCE_FLAGS = List.of("save-data");

    static final String HELP = """
              train      one teacher-student run; writes metrics.csv, manifest.json, SVG plots and the final
                         weights as .npy files to --out. An option that has no effect on the run it describes
                         (--m2 without all19-3 or ntk-3, --kappa with --data ...) is refused
                teacher:
                  --teacher abs|relu|signed-relu|fig1|concept2|concept3
                                          abs: f*(x) = sum_i a_i |w*_i.x| (LMZ20); relu: sum_j relu(w*_j.x) + noise
                                          (ZYWG19); signed-relu: sum_j a_j relu(w*_j.x) + noise, unit w*_j, a_j = +-1
                                          alternating (AS21); fig1: ALL19's (sin 3x1 + sin 3x2 + sin 3x3 - 2)^2 cos 7x4
                                          (d = 4); concept2, concept3: ALL19's smooth 2- and 3-layer concept
                                          classes [abs]
                  --terms P               concept2/3: terms p of the random instance [5]
                  --d N                   input dimension [30]
                  --teacher-neurons K     relu and signed-relu teachers' neurons [5]
                  --kappa K               relu: condition number of W*; abs: a_i drawn in [1/(Kd), K/d] (1 = all 1/d);
                                          signed-relu: |a_j| = linspace(1, K) [1]
                  --noise NU              relu and signed-relu teachers' label noise, N(0, NU^2) [0]
                  --teacher-cosine RHO    signed-relu: the cosine between any two unit w*_j, from above
                                          -1/(K-1) to below 1 (0: orthonormal) [0]
                  --orthogonal            abs teacher with a random orthogonal W* (default: the identity)
                data:
                  --n N                   training samples [10000]
                  --inputs gaussian|sphere   x ~ N(0, I_d), or uniform on the unit sphere [sphere for fig1 and
                                          concept2/3, else gaussian]
                  --test-n N              held-out samples for the test (population) loss [10000]
                  --data DIR              load x_train.npy (n x d), y_train.npy, x_test.npy, y_test.npy from DIR
                                          instead (n, d, test-n default to their shapes)
                  --save-data             also write the run's data sets to --out in that form
                student:
                  --network two-layer|all19-2|all19-3|ntk-2|ntk-3
                                          two-layer: f = sum_i c_i sigma(w_i.x), shaped by --activation, --output and
                                          --init (LMZ20, ZYWG19); all19-2, all19-3: ALL19's ReLU networks with biases,
                                          a.relu(W x + b1)/sqrt(m) and a.relu(V relu(W x + b1)/sqrt(m) + b2)/sqrt(m2),
                                          W, b, V ~ N(0, 1); ntk-2, ntk-3: those networks linearized at their
                                          initialization (ALL19's NTK learners) [two-layer]
                  --m M                   hidden units (all19-3: of the first hidden layer) [100]
                  --m2 M                  all19-3: units of the second hidden layer [m]
                  --trained all|hidden|last   all19: the layers that train; last = random features [all]
                  --output-std S          all19: a_i ~ N(0, S^2) at the start [1]
                  --activation relu|abs   [relu for signed-relu, else abs]
                  --output tied|ones|mean|sqrt
                                          c_i = |w_i|/m (LMZ20), 1 (ZYWG19), a_i/m, a_i/sqrt(m) (a trained)
                                          [mean for signed-relu or as21, else tied]
                  --init gaussian|symmetric|tensor
                                          w_i ~ N(0, s^2 I/d), a_i ~ N(0, 1); symmetric: pairs with f = 0; tensor:
                                          ZYWG19's moment estimate of W* from the data (relu, ones, m <= d) [gaussian]
                  --init-scale S          s [1]
                training (objective J = (1/2n) sum (f - y)^2; losses reported are the MSE = 2J):
                  --optimizer gd|sgd|truncated|as21|exact
                                          full-batch GD, mini-batch SGD, LMZ20's truncated GD, or AS21's regularized GD
                                          with norm-dependent steps (conic particle GD, full batch) [gd]; exact: no
                                          steps, the ridge solution of ntk-2, ntk-3 or all19 --trained last, lambda
                                          chosen on a held-out 20% among 1, 0.1, ..., 1e-8, 0 (use --steps 1)
                  --lr ETA                learning rate [m/2 tied, m/4 mean, sqrt(m)/4 sqrt, 0.1 ones, 0.3 all19;
                                          as21: 0.25, its step on the neurons' directions and log-masses]
                  --reg-lambda L          as21: minimizes J + L sum_i |c_i| |w_i| (c_i = a_i/m: the path norm) [0]
                  --weight-decay L        gd and sgd on J + (L/2)|theta|^2 [0]
                  --lr-schedule S         gd and sgd: constant, cosine (eta (1 + cos(pi t/T))/2) or linear
                                          (eta (1 - t/T)), down to 0 at the last step [constant]
                  --batch B               sgd mini-batch size [256]
                  --lambda0 L, --lambda1 L, --stage1-steps T
                                          truncated GD: freeze neurons with |w|^2 > 1/lambda; lambda0 for T steps,
                                          then lambda1 [0.25, 0.1, steps/2]
                  --steps T               gradient steps [20000]
                  --log-every K           steps between metric rows and progress lines [steps/100]
                  --seed S                every random stream derives from it [1]
                  --threads T             GEMM threads [all cores]
                  --out DIR               output folder, new or empty; locked (DIR/.lock) while the run lasts, a
                                          second run on it exits with code 5 [runs/train-DATE-TIME]
                  --checkpoint-every N    every N steps, save the trained weights, the step and the options to
                                          DIR/checkpoint.bin (atomically; deleted when the run completes; N below
                                          --steps) [0: never]
                  --resume DIR            continue the run in DIR from its checkpoint, with the options its
                                          manifest.json recorded (no other options but --threads, which changes
                                          no number); the metrics and final weights
                                          are bit-identical to a run that never stopped; refused (code 2) when the
                                          manifest, metrics.csv and checkpoint disagree
            """;

    private TrainCommand() {}

    static void run(String[] args, PrintStream out, PrintStream err) {
        Options o = Options.parse("train", args, optionNames(false), optionNames(true));
        RunConfig cfg;
        DataSource data;
        Trainer.Checkpoints checkpoints;
        if (o.has("resume")) {
            for (String name : o.names()) {
                if (!name.equals("resume") && !name.equals("threads")) {
                    throw new UsageException("train: --resume DIR takes no other options than --threads (the run "
                            + "keeps the ones its manifest recorded; got --" + name + ")");
                }
            }
            Resume r = Resume.of(Path.of(o.string("resume", ".")));
            // the thread count changes no number (GEMM sums in the same order on any count): a resume may pick its own
            cfg = o.has("threads") ? threads(r.config(), o) : r.config();
            data = r.data();
            checkpoints = new Trainer.Checkpoints(r.checkpointEvery(), true);
        } else {
            cfg = config(o);
            data = new DataSource(dataDir(o), o.has("save-data"));
            checkpoints = new Trainer.Checkpoints(checkpointEvery(o, cfg.steps()), false);
        }
        try {
            // before the lock creates the folder: a run too large leaves nothing
            Trainer.requireFits(cfg, Provider.lookup(), checkpoints);
        } catch (IllegalArgumentException e) {
            throw new UsageException("train: " + e.getMessage());
        }
        locked(cfg.out(), () -> {
            if (!checkpoints.resume()) checkOutput(cfg.out()); // again, now that no other run can fill the folder
            train(cfg, data, checkpoints, out, err);
        });
    }

    /**
     * Runs {@code body} holding the lock of the run folder {@code dir} ({@link RunLock}), so that nothing there is
     * written or deleted without it; the lock is released however {@code body} ends.
     */
    private static void locked(Path dir, Runnable body) {
        RunLock lock;
        try {
            lock = RunLock.acquire(dir);
        } catch (IOException e) {
            throw FileProblem.of("creating", dir, e);
        }
        boolean ran = false;
        try {
            body.run();
            ran = true;
        } finally {
            try {
                if (ran) lock.close();
                else lock.closeUnused(); // a run refused before writing leaves no folder behind
            } catch (IOException e) {
                if (ran) throw FileProblem.of("writing", dir.resolve(RunLock.FILE), e);
            }
        }
    }

    private static void train(RunConfig cfg, DataSource data, Trainer.Checkpoints checkpoints, PrintStream out,
            PrintStream err) {
        Trainer.Result r;
        try {
            r = Trainer.run(cfg, err, Provider.lookup(), data, checkpoints);
        } catch (IllegalArgumentException e) { // a value one of the run's parts refuses; files a resume refuses
            throw new UsageException(
                    "train: " + (checkpoints.resume() ? "--resume " + cfg.out() + ": " : "") + e.getMessage());
        } catch (IOException e) {
            throw FileProblem.of("writing", cfg.out(), e);
        }
        out.printf(Locale.ROOT, "%s after %d steps in %.1f s: train loss %.4e, test loss %.4e (x d = %.4e)%n",
                r.diverged() ? "diverged" : "done", r.steps(), r.seconds(), r.trainLoss(), r.testLoss(),
                r.testLoss() * cfg.data().d());
        out.println("results in " + r.out());
        if (r.diverged()) throw Failure.diverged("train: the run diverged (see above)");
    }

    /** {@code cfg} with the --threads of {@code o}, checked by its option's range. */
    private static RunConfig threads(RunConfig cfg, Options o) {
        try {
            RunConfig.Builder b = cfg.toBuilder();
            RunOption.THREADS.set(b, o.string("threads", ""));
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException("train: " + e.getMessage());
        }
    }

    /** The command-line names of the options that take a value, or ({@code flags}) of those that take none. */
    private static String[] optionNames(boolean flags) {
        List<String> names = new ArrayList<>();
        for (RunOption r : RunOption.values()) if (r.flag() == flags) names.add(r.cli());
        names.addAll(flags ? SOURCE_FLAGS : SOURCE_OPTIONS);
        return names.toArray(String[]::new);
    }

    /**
     * The run configuration the options describe, the defaults filled in by {@link RunConfig.Builder#build()} (with
     * --data, n, d and test-n default to the data's shapes), or a {@link UsageException} naming the bad value or an
     * option given that does not apply to the run ({@link RunOption#appliesTo}).
     */
    static RunConfig config(Options o) {
        try {
            RunConfig.Builder b = RunConfig.defaults();
            for (RunOption r : RunOption.values()) if (o.has(r.cli())) r.set(b, o.string(r.cli(), ""));
            DataSource source = new DataSource(dataDir(o), false);
            refuseInapplicable(o, r -> r.notApplying(source)); // before the data are read
            if (source.dir() != null) {
                DataSource.Shapes shapes = DataSource.shapes(source.dir());
                if (!o.has("n")) b.n(shapes.n());
                if (!o.has("d")) b.d(shapes.d());
                if (!o.has("test-n")) b.testN(shapes.testN());
            }
            Path outDir = o.has("out")
                    ? Path.of(o.string("out", ""))
                    : Path.of("runs/train-"
                            + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            RunLock.requireNotHeld(outDir); // a folder a running run fills is busy (exit 5), not merely full
            checkOutput(outDir);
            RunConfig cfg = b.out(outDir).build();
            refuseInapplicable(o, r -> r.notApplying(cfg));
            return cfg;
        } catch (IllegalArgumentException e) {
            throw new UsageException("train: " + e.getMessage());
        }
    }

    /** Refuses the first option the user gave that {@code rule} says has no effect, naming it and why. */
    private static void refuseInapplicable(Options o, Function<RunOption, String> rule) {
        for (RunOption r : RunOption.values()) {
            String why = o.has(r.cli()) ? rule.apply(r) : null;
            if (why != null) throw new UsageException("train: --" + r.cli() + " " + why);
        }
    }

    /** The --data folder, or null. */
    private static Path dataDir(Options o) {
        if (!o.has("data")) return null;
        String dir = o.string("data", "");
        try {
            return Path.of(dir);
        } catch (InvalidPathException e) {
            throw new UsageException("train: --data '" + dir + "' is not a path: " + e.getReason());
        }
    }

    /** --checkpoint-every N: 0 (none) or fewer than the run's steps; a longer interval would never write one. */
    private static long checkpointEvery(Options o, long steps) {
        long every = o.longInteger("checkpoint-every", 0, 0, Long.MAX_VALUE);
        if (every >= steps) {
            throw new UsageException("train: --checkpoint-every " + every + " does not apply to a run of --steps "
                    + steps + ": it would never write a checkpoint (expected fewer than " + steps + ", or 0 for none)");
        }
        return every;
    }

    /** The output folder must be new or empty: a run never mixes its files with another's. */
    static void checkOutput(Path dir) {
        try {
            OutputFolder.requireNewOrEmpty(dir);
        } catch (IllegalArgumentException e) {
            throw new UsageException("train: " + e.getMessage());
        }
    }
}
