package org.relulab.training.cli;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.relulab.training.sweep.Suggest;
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
        List<String> suggestions = suggestions(u, arg);
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

    /**
     * The names {@code arg} is close to ({@link #close}), the closest first: the command's option names for an option,
     * its subcommands for a word, and picocli's own suggestions. picocli alone only suggests names that share the
     * first two letters, so "--treshold" got no "--threshold".
     */
    private static List<String> suggestions(UnmatchedArgumentException u, String arg) {
        Set<String> names = new LinkedHashSet<>(u.getSuggestions());
        if (arg.startsWith("-")) {
            for (OptionSpec o : u.getCommandLine().getCommandSpec().options()) {
                if (!o.hidden()) names.addAll(List.of(o.names()));
            }
        } else {
            names.addAll(u.getCommandLine().getSubcommands().keySet());
        }
        int eq = arg.indexOf('=');
        String typed = eq < 0 ? arg : arg.substring(0, eq);
        return names.stream().filter(s -> close(typed, s))
                .sorted(Comparator.comparingInt((String s) -> Suggest.distance(bare(typed), bare(s)))).toList();
    }

    /** Whether a word that is no option can only be a subcommand of {@code cl}: it has some and no parameters. */
    private static boolean expectsCommand(CommandLine cl) {
        return !cl.getSubcommands().isEmpty() && cl.getCommandSpec().positionalParameters().isEmpty();
    }

    /**
     * Whether {@code suggestion} is a likely meaning of {@code typed} (its option name, without any "=value"): their
     * names without leading dashes equal for names of one or two letters ("-h" is no meaning of "--d"), at most 1 edit
     * apart for names of up to 4 letters, else 2, or a quarter of the length for long names; an edit is an insertion,
     * a deletion, a substitution or two neighbours swapped. picocli's suggestions are looser ("reproduce" for
     * "frobnicate"), and "--d" is no meaning of "--sed".
     */
    static boolean close(String typed, String suggestion) {
        int eq = typed.indexOf('=');
        String a = bare(eq < 0 ? typed : typed.substring(0, eq)), b = bare(suggestion);
        int allowed = b.length() <= 2 ? 0 : b.length() <= 4 ? 1 : Math.max(2, b.length() / 4);
        return Suggest.distance(a, b) <= allowed;
    }

    private static String bare(String name) {
        int i = 0;
        while (i < name.length() && name.charAt(i) == '-') i++;
        return name.substring(i);
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
