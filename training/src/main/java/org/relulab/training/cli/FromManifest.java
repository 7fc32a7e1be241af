package org.relulab.training.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.relulab.training.config.RunConfig;
import org.relulab.training.config.RunOption;
import org.relulab.training.data.DataSource;
import org.relulab.training.failure.FileProblem;
import org.relulab.training.io.Json;

/**
 * What {@code train --from MANIFEST} takes from an earlier run: the options its manifest.json recorded under
 * "options", as the command line writes them, and its data folder. Read tolerantly: keyed by the command line's names
 * ({@code test-n}) or by the older manifest keys ({@code testN}); numbers as JSON numbers or as text; a flag as a JSON
 * boolean or as text. Left out: what says where the run went or changes no number ({@link #LEFT_OUT}:
 * out, threads, the checkpoint interval). Each value is checked as the command line checks it, naming the manifest.
 *
 * @param file    the manifest read
 * @param options option name (without dashes) → value as the command line writes it, in the manifest's order
 */
record FromManifest(Path file, Map<String, String> options) {
    /** Options a manifest records that --from does not take: where the run went, and what changes no number. */
    static final Set<String> LEFT_OUT = Set.of("out", "resume", "threads", "checkpoint-every", "save-data", "from");
    /** A JSON number (a double) holds every integer up to this exactly. */
    private static final double EXACT_INTEGERS = 0x1p53;
    /** The option a refusal of train names first: "train: --log-every 200 is out of range ...". */
    private static final Pattern REFUSED_OPTION = Pattern.compile("^train: --([a-z0-9-]+)");

    /**
     * The manifest at {@code path} (or in the folder {@code path}); {@code given}: the options given on the command
     * line, which need not be read from it.
     */
    static FromManifest read(String path, Set<String> given) {
        Path file;
        try {
            file = Path.of(path);
        } catch (InvalidPathException e) {
            throw new UsageException("train: --from '" + path + "' is not a path: " + e.getReason());
        }
        if (Files.isDirectory(file)) file = file.resolve("manifest.json");
        if (!Files.isRegularFile(file)) {
            throw new UsageException("train: --from " + file + ": no such file (expected the manifest.json of an "
                    + "earlier run, or its folder)");
        }
        Object json;
        try {
            json = Json.parse(Files.readString(file));
        } catch (IOException e) {
            throw FileProblem.of("reading", file, e);
        } catch (IllegalArgumentException e) {
            throw refused(file, "is not JSON (" + e.getMessage() + ")");
        }
        if (!(json instanceof Map<?, ?> manifest) || !(manifest.get("options") instanceof Map<?, ?> recorded)) {
            throw refused(file, "holds no \"options\" object (expected the manifest.json of a relulab run)");
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : recorded.entrySet()) {
            String key = String.valueOf(e.getKey());
            RunOption r = option(key);
            String name = r != null ? r.cli() : key;
            if (LEFT_OUT.contains(name) || given.contains(name)) continue;
            if (r == null && !name.equals("data")) {
                throw refused(file, "option '" + key + "' is not one of train's (written by a newer relulab?)");
            }
            String text = text(file, key, e.getValue(), r != null && r.flag());
            if (text == null) continue; // a flag recorded as false: not given
            if (r != null) check(file, r, text);
            options.put(name, text);
        }
        if (!options.containsKey("data") && !given.contains("data") && manifest.get("data_dir") instanceof String dir
                && !dir.isEmpty()) {
            options.put("data", dir);
        }
        return new FromManifest(file, options);
    }

    /**
     * The options of the new run: these, then {@code given} over them. A recorded option that has no effect on the new
     * run (its teacher's options after another --teacher, --batch after --optimizer gd, a teacher's options with
     * --data) is dropped; one given that has none is refused, as always.
     */
    Options under(Options given) {
        Options merged = given.over(options);
        Map<String, String> all = merged.values(), kept = new LinkedHashMap<>(all);
        DataSource source = new DataSource(all.containsKey("data") ? dataPath(all.get("data")) : null, false);
        RunConfig defaults = RunConfig.defaults().out(Path.of("unused")).build();
        for (RunOption r : RunOption.values()) {
            if (!options.containsKey(r.cli()) || given.has(r.cli())) continue;
            String why = r.notApplying(source);
            if (why == null) why = r.notApplying(name -> all.getOrDefault(name, RunOption.byCli(name).text(defaults)));
            if (why != null) kept.remove(r.cli());
        }
        return new Options("train", kept);
    }

    /**
     * {@code refusal} of the new run's configuration, saying so when the option it names came from the manifest (the
     * recorded --log-every beyond a shorter --steps given): the user did not type it.
     */
    UsageException explain(UsageException refusal, Options given) {
        Matcher m = REFUSED_OPTION.matcher(refusal.getMessage());
        if (!m.find() || !options.containsKey(m.group(1)) || given.has(m.group(1))) return refusal;
        return new UsageException(refusal.getMessage() + "; --" + m.group(1) + " is recorded in " + file
                + ": give --" + m.group(1) + " to change it");
    }

    /** The option a manifest key names: by its command-line name, or by the older manifest key. */
    private static RunOption option(String key) {
        RunOption r = RunOption.byCli(key);
        if (r != null) return r;
        for (RunOption o : RunOption.values()) if (o.key().equals(key)) return o;
        return null;
    }

    /** A recorded value as the command line writes it; null for a flag that is off. */
    private static String text(Path file, String key, Object value, boolean flag) {
        String text = switch (value) {
            case String s -> s;
            case Boolean b -> b.toString();
            case Long x -> x.toString(); // an integer a double would round, as a reader may give it (a seed)
            case Double d when d == Math.rint(d) && Math.abs(d) < EXACT_INTEGERS -> Long.toString(d.longValue());
            case Double d when d == Math.rint(d) -> throw refused(file, "option '" + key + "' = " + d
                    + " is beyond the integers a JSON number holds exactly (2^53); give it on the command line");
            case Double d -> d.toString();
            case null, default -> throw refused(file, "option '" + key + "' is " + value
                    + " (expected a number, a boolean or text)");
        };
        if (flag && text.equals("false")) return null;
        return text;
    }

    /** Refuses a value the command line would refuse, naming the manifest. */
    private static void check(Path file, RunOption r, String text) {
        try {
            r.set(RunConfig.defaults(), text);
        } catch (IllegalArgumentException e) {
            throw refused(file, e.getMessage());
        }
    }

    private static Path dataPath(String dir) {
        try {
            return Path.of(dir);
        } catch (InvalidPathException e) {
            throw new UsageException("train: --data '" + dir + "' is not a path: " + e.getReason());
        }
    }

    private static UsageException refused(Path file, String why) {
        return new UsageException("train: --from " + file + ": " + why);
    }
}
