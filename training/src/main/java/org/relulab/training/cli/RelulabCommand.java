package org.relulab.training.cli;

import java.io.PrintStream;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/**
 * {@code relulab}, the top command: its subcommands, and with none the demo. {@link #commandLine()} builds the whole
 * tree and gives every command the same standard options ({@code --help}, {@code --version}) and the list of exit
 * codes ({@link StandardHelp}).
 */
@Command(name = "relulab", description = RelulabCommand.ABOUT, footerHeading = "%n", footer = RelulabCommand.FOOTER)
final class RelulabCommand implements CliCommand {
    static final String ABOUT = "Teacher-student experiments of neural-network learning theory, on SIMD CPU "
            + "kernels. Without a command: the demo.";
    static final String FOOTER = """
            JVM properties (set with RELULAB_JAVA_OPTS="-D..."):
              -Drelulab.kernels=auto|simd|scalar   kernel provider (default auto: SIMD when available)
              -Drelulab.threads=N                  GEMM threads (default: all cores)
              -Drelulab.debug=true                 print the stack trace of an internal error

            Arguments may come from a file: relulab train @args.txt reads the arguments in args.txt.
            Bash completion of commands, options and choices: source <(./relulab generate-completion)

            Examples:
              ./relulab                       the demo (about a minute)
              ./relulab check                 quick check of this machine's kernels (about 20 s)
              ./relulab train --d 30 --m 100 --steps 20000 --out runs/lmz20
              ./relulab train --teacher relu --d 20 --teacher-neurons 5 --m 5 --kappa 2 --noise 0.01 \\
                  --output ones --activation relu --lr 0.5 --steps 3000 --out runs/zywg19
              ./relulab train --from runs/lmz20/manifest.json --seed 2 --out runs/lmz20-seed2
              ./relulab sweep sweeps/lmz20-plateau.toml --out runs/lmz20-plateau --jobs 2
              ./relulab sweep status runs/lmz20-plateau
              ./relulab reproduce lmz20 --quick
              RELULAB_JAVA_OPTS=-Drelulab.kernels=scalar ./relulab info""";
    /** The width of the help text: the experiments' usage lines (ReproduceCommand) are as wide. */
    private static final int HELP_WIDTH = 120;

    @Override
    public void run(PrintStream out, PrintStream err) {
        new DemoCommand().run(out, err);
    }

    /** The command tree, fresh (picocli keeps the values it parsed in the command objects). */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new RelulabCommand());
        cl.addSubcommand(new DemoCommand());
        cl.addSubcommand("train", TrainCommand.spec()); // built from RunOption, not from annotations
        cl.addSubcommand(new SweepCommand());
        cl.addSubcommand("reproduce", ReproduceCommand.spec());
        cl.addSubcommand(new CheckCommand());
        cl.addSubcommand(new InfoCommand());
        cl.addSubcommand(new Bench());
        cl.addSubcommand(new HelpCommand());
        cl.addSubcommand(new Version());
        cl.addSubcommand(new AutoComplete.GenerateCompletion()); // hidden: source <(./relulab generate-completion)
        cl.setUsageHelpWidth(HELP_WIDTH);
        StandardHelp.apply(cl);
        return cl;
    }

    /** {@code relulab version}: as {@code --version}. */
    @Command(name = "version", description = "relulab's version")
    static final class Version implements CliCommand {
        @Override
        public void run(PrintStream out, PrintStream err) {
            out.println("relulab " + Main.VERSION);
        }
    }

    /** {@code relulab bench} is the launcher's: it runs from the bench module's JMH jar. */
    @Command(name = "bench", header = Bench.HEADER, description = Bench.DESCRIPTION)
    static final class Bench implements CliCommand {
        static final String HEADER = "the JMH benchmarks of this machine (./relulab bench --help)";
        static final String DESCRIPTION = "The JMH suite of this machine into a new machine-tagged results folder "
                + "(about 5 minutes), or bench compare BASE NEW to catch regressions; runs from the launcher script: "
                + "./relulab bench --help.";

        /** Whatever follows {@code bench}: the launcher's bench command reads it. */
        @CommandLine.Unmatched
        List<String> args;

        @Override
        public void run(PrintStream out, PrintStream err) {
            throw new UsageException("bench runs from the launcher script: ./relulab bench (it needs the JMH jar)");
        }
    }
}
