package org.relulab.training.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relulab.training.failure.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * What every relulab command's help has, {@code relulab bench}'s too: {@code --help} and {@code --version}, the options
 * in the order declared, the usage first (the header is the command's line in its parent's list), and the list of exit
 * codes from {@link ExitCode}.
 */
public final class StandardHelp {
    private StandardHelp() {}

    /**
     * Gives {@code cl} and all its subcommands the standard help (but sweep collect, which hands its arguments on,
     * keeps its own).
     */
    public static void apply(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        spec.mixinStandardHelpOptions(!(spec.userObject() instanceof SweepCommand.Collect));
        spec.usageMessage().sortOptions(false); // in the order declared: the common ones first
        List<String> sections = new ArrayList<>(spec.usageMessage().sectionKeys());
        sections.removeAll(List.of(UsageMessageSpec.SECTION_KEY_HEADER_HEADING, UsageMessageSpec.SECTION_KEY_HEADER));
        spec.usageMessage().sectionKeys(sections);
        spec.version("relulab " + Main.VERSION);
        spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodes());
        for (CommandLine sub : cl.getSubcommands().values()) apply(sub);
    }

    /** The help's list of exit codes: each code and what it means, from {@link ExitCode}. */
    static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        for (ExitCode c : ExitCode.values()) codes.put(Integer.toString(c.code()), c.meaning());
        return codes;
    }
}
