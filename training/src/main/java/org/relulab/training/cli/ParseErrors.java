package org.relulab.training.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.MaxValuesExceededException;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * picocli's parse errors as relulab's one line: the command, the argument at fault and what was expected, with
 * picocli's suggestion for a mistyped option or command ("did you mean --seed?"). Public for {@code relulab bench}'s
 * command line, which follows the same conventions.
 */
public final class ParseErrors {
    /** Suggestions shown at most, the closest first. */
    private static final int SUGGESTIONS = 3;

    private ParseErrors() {}

    /** The mistake {@code e} reports, as a {@link UsageException}. */
    public static UsageException usage(ParameterException e) {
        CommandLine where = e.getCommandLine();
        String command = commandPath(where);
        String message = switch (e) {
            case UnmatchedArgumentException u -> unmatched(u, command);
            case MissingParameterException m -> missing(m.getMissing());
            case OverwrittenOptionException o -> "option " + name(o.getOverwritten()) + " given twice";
            case MaxValuesExceededException x -> x.getMessage().replaceFirst(
                    "^option '(.*)' should be specified without '(.*)' parameter$",
                    "option $1 takes no value (got $2)");
            default -> e.getMessage();
        };
        return new UsageException(command.isEmpty() ? message : command + ": " + message);
    }

    /** "train", "sweep status", or "" for relulab itself ("bench run" for a command named "relulab bench"). */
    public static String commandPath(CommandLine cl) {
        String q = cl.getCommandSpec().qualifiedName(" ");
        int space = q.indexOf(' ');
        return space < 0 ? "" : q.substring(space + 1);
    }

    private static String unmatched(UnmatchedArgumentException u, String command) {
        String arg = u.getUnmatched().isEmpty() ? "" : u.getUnmatched().get(0);
        List<String> suggestions = u.getSuggestions().stream().filter(s -> close(arg, s)).toList();
        String hint = suggestions.isEmpty()
                ? "see relulab " + (command.isEmpty() ? "" : command + " ") + "--help"
                : "did you mean " + String.join(" or ", suggestions.subList(0, Math.min(SUGGESTIONS,
                        suggestions.size()))) + "?";
        if (u.isUnknownOption()) {
            int eq = arg.indexOf('=');
            return "unknown option '" + (eq < 0 ? arg : arg.substring(0, eq)) + "' (" + hint + ")";
        }
        if (command.isEmpty() || expectsCommand(u.getCommandLine())) {
            return "unknown command '" + arg + "' (" + hint + ")";
        }
        return "unexpected argument '" + arg + "' (" + hint + ")";
    }

    /** Whether a word that is no option can only be a subcommand of {@code cl}: it has some and no parameters. */
    private static boolean expectsCommand(CommandLine cl) {
        return !cl.getSubcommands().isEmpty() && cl.getCommandSpec().positionalParameters().isEmpty();
    }

    /**
     * Whether {@code suggestion} is a likely meaning of {@code typed} (its option name, without any "=value"): at most
     * 2 edits apart, or a third of its length for long names. picocli's suggestions are looser ("reproduce" for
     * "frobnicate").
     */
    static boolean close(String typed, String suggestion) {
        int eq = typed.indexOf('=');
        String a = eq < 0 ? typed : typed.substring(0, eq);
        return editDistance(a, suggestion) <= Math.max(2, suggestion.length() / 3);
    }

    /** The Levenshtein distance: insertions, deletions and substitutions. */
    private static int editDistance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) row[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1),
                        diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.length()];
    }

    private static String missing(List<ArgSpec> missing) {
        if (!missing.isEmpty() && missing.get(0) instanceof OptionSpec o) {
            int values = o.arity().min();
            return "option " + o.longestName() + " needs " + (values > 1 ? values + " values" : "a value");
        }
        return "expected " + (missing.isEmpty() ? "more arguments" : missing.get(0).paramLabel());
    }

    private static String name(ArgSpec a) {
        return a instanceof OptionSpec o ? o.longestName() : a.paramLabel();
    }
}
