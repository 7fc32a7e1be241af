package org.relulab.training.cli;

import java.io.PrintStream;
import java.util.Arrays;

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
    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            String command = args.length == 0 ? "check" : args[0];
            String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
            switch (command) {
                case "-h", "--help", "help" -> out.print(usage());
                case "--version", "version" -> out.println("relulab " + VERSION);
                case "info" -> InfoCommand.run(rest, out);
                case "check" -> CheckCommand.run(rest, out, err);
                default -> throw new UsageException("unknown command '" + command
                        + "' (expected one of: check, info, help, version; see relulab --help)");
            }
            return 0;
        } catch (UsageException e) {
            err.println("relulab: " + e.getMessage());
            return 2;
        }
    }

    static String usage() {
        return """
                relulab: teacher-student experiments of neural-network learning theory, on SIMD CPU kernels.

                Usage: relulab [COMMAND] [OPTIONS]

                Commands:
                  check      (default) check this machine's kernels: SIMD against the plain-Java twins on
                             every GEMM transpose form, then GEMM speed on 1 thread and on all threads
                               --size N       square GEMM size for the speed test (default 1024)
                               --threads T    thread count of the multi-threaded test (default: all cores)
                  info       the machine, the JDK and the kernels relulab would use here
                  help       this text
                  version    relulab's version

                JVM properties (set with RELULAB_JAVA_OPTS="-D..."):
                  -Drelulab.kernels=auto|simd|scalar   kernel provider (default auto: SIMD when available)
                  -Drelulab.threads=N                  GEMM threads (default: all cores)

                Examples:
                  ./relulab                       quick check of this machine (about 20 s)
                  ./relulab check --size 2048
                  RELULAB_JAVA_OPTS=-Drelulab.kernels=scalar ./relulab info
                """;
    }
}
