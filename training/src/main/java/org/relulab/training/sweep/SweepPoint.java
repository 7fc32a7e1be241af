package org.relulab.training.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relulab.training.config.RunConfig;
import org.relulab.training.config.RunOption;

/**
 * One run of a sweep: its options and the name of its folder.
 *
 * @param index   its place in the sweep's order, from 0
 * @param name    its folder's name, made of the swept options only ({@code m=1.5d_lr=0.5m_seed=3}): unique within the
 *                sweep, stable across runs of the same spec, filesystem-safe, at most 100 characters
 * @param options every option the spec sets for it, command-line name → value as the command line takes it (true or
 *                false for a flag): the base options, then the axes, in the spec's order
 * @param swept   the swept options only, command-line name → label (the value, or "1.5d" for a derived axis), in
 *                the spec's order: a summary's columns
 */
public record SweepPoint(int index, String name, Map<String, String> options, Map<String, String> swept) {
    public SweepPoint {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        swept = Collections.unmodifiableMap(new LinkedHashMap<>(swept));
    }

    /**
     * The run's configuration, writing to {@code out}: the train options set on {@link RunConfig#defaults()} (the
     * source options data, checkpoint-every and save-data are not part of it). Throws
     * {@link IllegalArgumentException} when the options break a rule that ties options together.
     */
    public RunConfig config(Path out) {
        RunConfig.Builder b = RunConfig.defaults();
        options.forEach((name, value) -> {
            RunOption o = RunOption.byCli(name);
            if (o != null) o.set(b, value);
        });
        return b.out(out).build();
    }

    /**
     * The options as {@code train}'s command line takes them: "--m", "32", ...; a flag ("--orthogonal") only where it
     * is true; an option that has no effect on this run's configuration ({@link #inapplicable()}) left out. The
     * runner adds {@code --out}.
     */
    public List<String> arguments() {
        List<String> args = new ArrayList<>();
        List<String> skipped = inapplicable();
        options.forEach((name, value) -> {
            if (skipped.contains(name)) return;
            if (SpecOption.byName(name).kind() != SpecOption.Kind.BOOLEAN) {
                args.add("--" + name);
                args.add(value);
            } else if (value.equals("true")) {
                args.add("--" + name);
            }
        });
        return args;
    }

    /**
     * The spec's options that have no effect on this run ({@link RunOption#notApplying(RunConfig)}): truncated GD's
     * {@code lambda0} on a point whose optimizer is {@code gd}, say. A spec may set such an option for the points it
     * applies to; {@code train}, which refuses an option that does nothing, is not given it
     * ({@link SweepSpec#points} refuses one that applies to no point).
     */
    public List<String> inapplicable() {
        RunConfig c = config(Path.of(name));
        List<String> names = new ArrayList<>();
        for (String option : options.keySet()) {
            RunOption o = RunOption.byCli(option);
            if (o != null && o.notApplying(c) != null) names.add(option);
        }
        return names;
    }
}
