package org.relulab.training.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.relulab.training.failure.ExitCode;
import org.relulab.training.failure.Failure;
import org.relulab.training.failure.FileProblem;
import org.relulab.training.sweep.PointWorker;

/**
 * The relulab command line: {@code relulab COMMAND [OPTIONS]}. User mistakes (unknown command or option,
 * bad value) print one line naming the value and what was expected, and exit with code 2.
 */
public final class Main {
    static final String VERSION = "0.1.0";

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            String command = args.length == 0 ? "demo" : args[0];
            String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
            switch (command) {
                case "-h", "--help", "help" -> out.print(usage());
                case "--version", "version" -> out.println("relulab " + VERSION);
                case "info" -> InfoCommand.run(rest, out);
                case "demo" -> demo(rest, out, err);
                case "check" -> CheckCommand.run(rest, out, err);
                case "train" -> TrainCommand.run(rest, out, err);
                case "sweep" -> SweepCommand.run(rest, out, err);
                case PointWorker.COMMAND -> SweepWorkerCommand.serve(System.in, System.out);
                case "reproduce" -> ReproduceCommand.run(rest, out, err);
                case "bench" -> throw new UsageException(
                        "bench runs from the launcher script: ./relulab bench (it needs the JMH jar)");
                default -> throw new UsageException("unknown command '" + command
                        + "' (expected one of: demo, train, sweep, reproduce, check, info, bench, help, version; "
                        + "see relulab --help)");
            }
            return ExitCode.OK.code();
        } catch (Failure e) {
            err.println("relulab: " + e.getMessage());
            return e.exitCode().code();
        } catch (UncheckedIOException e) {
            err.println("relulab: " + FileProblem.of("writing", null, e.getCause()).getMessage());
            return FileProblem.of("writing", null, e.getCause()).exitCode().code();
        } catch (OutOfMemoryError e) {
            err.println("relulab: out of memory (" + e.getMessage()
                    + "); use a smaller run or give the JVM more memory (RELULAB_JAVA_OPTS=-Xmx...)");
            return ExitCode.ENVIRONMENT.code();
        } catch (RuntimeException e) {
            err.println("relulab: internal error: " + e + " (a bug: please report it with the command line)");
            if (Boolean.getBoolean("relulab.debug")) e.printStackTrace(err);
            return ExitCode.INTERNAL.code();
        }
    }

    /**
     * The default job: LMZ20's experiment at its Fig. 1 size (d = 30, m = 100 > 2d, n = 10⁴, |·| learner and
     * teacher, norm-tied output, full-batch GD) for {@link #DEMO_STEPS} steps, about a minute on 2 cores.
     */
    static void demo(String[] args, PrintStream out, PrintStream err) {
        Options.parse("demo", args, new String[0]);
        String dir = "runs/demo-"
                + java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        out.println(
                "relulab demo: LMZ20 teacher f*(x) = (1/d) sum |x_i|, d = 30; student with m = 100 |.| units and "
                        + "norm-tied"
                        + " output; full-batch GD on 10000 samples, " + DEMO_STEPS
                        + " steps (see ./relulab --help for your own runs)");
        TrainCommand.run(new String[] {"--steps", Long.toString(DEMO_STEPS), "--out", dir}, out, err);
    }

    static final long DEMO_STEPS = 20_000;

    static String usage() {
        return """
                relulab: teacher-student experiments of neural-network learning theory, on SIMD CPU kernels.

                Usage: relulab [COMMAND] [OPTIONS]

                Commands:
                  demo       (default) the LMZ20 experiment at its Fig. 1 size, about a minute: train with the
                             defaults below, results in runs/demo-DATE-TIME
                """ + TrainCommand.HELP + SweepCommand.HELP + ReproduceCommand.help() + """
                  check      check this machine's kernels: SIMD against the plain-Java twins on
                             every GEMM transpose form, then GEMM speed on 1 thread and on all threads
                               --size N       square GEMM size for the speed test (default 1024)
                               --threads T    thread count of the multi-threaded test (default: all cores)
                  info       the machine, the JDK and the kernels relulab would use here
                  bench      the JMH suite of this machine into a new machine-tagged results folder (about 4
                             minutes), or `bench compare BASE NEW` to catch regressions (see relulab bench --help)
                  help       this text
                  version    relulab's version

                Exit codes:
                """ + ExitCode.table() + """

                JVM properties (set with RELULAB_JAVA_OPTS="-D..."):
                  -Drelulab.kernels=auto|simd|scalar   kernel provider (default auto: SIMD when available)
                  -Drelulab.threads=N                  GEMM threads (default: all cores)
                  -Drelulab.debug=true                 print the stack trace of an internal error

                Examples:
                  ./relulab                       the demo (about a minute)
                  ./relulab check                 quick check of this machine's kernels (about 20 s)
                  ./relulab train --d 30 --m 100 --steps 20000 --out runs/lmz20
                  ./relulab train --teacher relu --d 20 --teacher-neurons 5 --m 5 --kappa 2 --noise 0.01 \\
                      --output ones --activation relu --lr 0.5 --steps 3000 --out runs/zywg19
                  ./relulab train --teacher signed-relu --d 20 --teacher-neurons 5 --m 100 --optimizer as21 \\
                      --reg-lambda 0.003 --lr 0.5 --n 5000 --steps 10000 --out runs/as21
                  ./relulab sweep sweeps/lmz20-plateau.toml --out runs/lmz20-plateau --jobs 2
                  ./relulab sweep status runs/lmz20-plateau
                  ./relulab check --size 2048
                  RELULAB_JAVA_OPTS=-Drelulab.kernels=scalar ./relulab info
                """;
    }
}
