package org.relulab.training.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.relulab.training.failure.ExitCode;
import org.relulab.training.failure.Failure;
import org.relulab.training.failure.FileProblem;
import org.relulab.training.sweep.PointWorker;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The relulab command line: {@code relulab COMMAND [OPTIONS]}, parsed by picocli ({@link RelulabCommand} has the
 * commands). User mistakes (unknown command or option, bad value) print one line naming the value and what was
 * expected, and exit with code 2; every other failure exits with its {@link ExitCode}.
 */
public final class Main {
    static final String VERSION = "0.1.0";

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs one command; returns the process exit code. Help ({@code --help} after any command, {@code help COMMAND})
     * and {@code --version} go to {@code out} with code 0; a mistake on the command line is one line on {@code err}.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length > 0 && args[0].equals(PointWorker.COMMAND)) { // the sweep runner's worker, not for people
                SweepWorkerCommand.serve(System.in, System.out);
                return ExitCode.OK.code();
            }
            CommandLine cl = RelulabCommand.commandLine();
            PrintWriter help = new PrintWriter(out, true);
            cl.setOut(help);
            ParseResult parsed = parse(cl, args);
            Integer helped = CommandLine.executeHelpRequest(parsed);
            help.flush();
            if (helped != null) return helped;
            ParseResult leaf = parsed;
            while (leaf.hasSubcommand()) leaf = leaf.subcommand();
            if (leaf.commandSpec().userObject() instanceof CliCommand command) {
                command.run(out, err);
            } else { // picocli's own: generate-completion, printing to the command line's out
                ((Runnable) leaf.commandSpec().userObject()).run();
                help.flush();
            }
            return ExitCode.OK.code();
        } catch (Failure e) {
            err.println("relulab: " + e.getMessage());
            return e.exitCode().code();
        } catch (UncheckedIOException e) {
            err.println("relulab: " + FileProblem.of("writing", null, e.getCause()).getMessage());
            return FileProblem.of("writing", null, e.getCause()).exitCode().code();
        } catch (ParameterException e) { // thrown while running picocli's own help command: "relulab help nope"
            err.println("relulab: " + ParseErrors.usage(e).getMessage());
            return ExitCode.USAGE.code();
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

    /** {@code args} parsed by {@code cl}; a mistake is a {@link UsageException} ({@link ParseErrors}). */
    static ParseResult parse(CommandLine cl, String... args) {
        try {
            return cl.parseArgs(args);
        } catch (ParameterException e) {
            throw ParseErrors.usage(e);
        }
    }
}
