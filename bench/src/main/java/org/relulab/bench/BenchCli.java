package org.relulab.bench;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import org.relulab.training.cli.ParseErrors;
import org.relulab.training.cli.StandardHelp;
import org.relulab.training.cli.UsageException;
import org.relulab.training.failure.ExitCode;
import org.relulab.training.failure.Failure;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The command line of {@code relulab bench} on picocli, with the conventions of relulab's own ({@link StandardHelp},
 * {@link ParseErrors}): {@code --help} on every command with the exit codes, "did you mean" for a mistyped option or
 * command, {@code @file} arguments, and every mistake one line on stderr with exit code 2. The commands:
 * {@link BenchCommand} (the suite, also with no command), {@link JmhCompare} and {@link ScalingCommand}.
 */
final class BenchCli {
    /** The width of the help text, as relulab's. */
    private static final int HELP_WIDTH = 120;

    /** A bench command: picocli has parsed its options into it; {@link #run} does the work. */
    interface Command {
        /** Runs the command and returns the exit code; a user mistake throws {@link UsageException}. */
        int run(PrintStream out, PrintStream err);
    }

    private BenchCli() {}

    /** The command tree, fresh (picocli keeps the values it parsed in the command objects). */
    static CommandLine commandLine(RegressionProfile.Runner profiler) {
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.addSubcommand(new BenchCommand.Run());
        cl.addSubcommand(new JmhCompare(profiler));
        cl.addSubcommand(new ScalingCommand());
        cl.addSubcommand(new HelpCommand());
        cl.setUsageHelpWidth(HELP_WIDTH);
        StandardHelp.apply(cl);
        return cl;
    }

    /**
     * Runs one bench command; returns the process exit code. Help goes to {@code out} with code 0; a mistake is one
     * line on {@code err} starting "relulab bench".
     */
    static int run(String[] args, PrintStream out, PrintStream err, RegressionProfile.Runner profiler) {
        try {
            CommandLine cl = commandLine(profiler);
            PrintWriter help = new PrintWriter(out, true);
            cl.setOut(help);
            ParseResult parsed;
            Integer helped;
            try {
                parsed = cl.parseArgs(args);
                helped = CommandLine.executeHelpRequest(parsed); // help NAME refuses an unknown NAME here
            } catch (ParameterException e) {
                throw ParseErrors.usage(e);
            }
            help.flush();
            if (helped != null) return helped;
            if (parsed.hasSubcommand() && !parsed.matchedOptions().isEmpty()) {
                String sub = parsed.subcommand().commandSpec().name();
                List<String> given = parsed.matchedOptions().stream().map(OptionSpec::longestName).toList();
                throw new UsageException("bench: " + String.join(" and ", given) + " before " + sub + " (expected "
                        + "the options after the command: relulab bench " + sub + " [OPTIONS])");
            }
            ParseResult leaf = parsed;
            while (leaf.hasSubcommand()) leaf = leaf.subcommand();
            return ((Command) leaf.commandSpec().userObject()).run(out, err);
        } catch (Failure e) {
            err.println("relulab " + e.getMessage());
            return e.exitCode().code();
        } catch (RuntimeException e) {
            err.println("relulab bench: internal error: " + e + " (a bug: please report it with the command line)");
            if (Boolean.getBoolean("relulab.debug")) e.printStackTrace(err);
            return ExitCode.INTERNAL.code();
        }
    }
}
