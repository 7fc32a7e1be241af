package org.relulab.training.sweep;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.relulab.training.config.RunConfig;
import org.relulab.training.config.RunOption;
import org.relulab.training.failure.Failure;

/**
 * A sweep as its spec file describes it, read and checked by {@link SpecParser}: the options every run shares, the
 * axes, which axes are zipped, and the metrics to collect. {@link #points(boolean)} checks the grid as a whole and
 * lists its runs.
 */
public final class SweepSpec {
    /** The most points {@link #points(boolean)} lists unless allowed more ({@code relulab sweep --yes}). */
    public static final long HUGE = 1_000_000;

    private final String source;
    private final String description;
    private final Map<String, String> base;
    private final Map<String, SpecPosition> baseAt;
    private final List<Axis> axes;
    private final List<List<String>> zip;
    private final List<Metric> metrics;
    private final SpecPosition axesAt;

    SweepSpec(String source, String description, Map<String, String> base, Map<String, SpecPosition> baseAt,
            List<Axis> axes, List<List<String>> zip, List<Metric> metrics, SpecPosition axesAt) {
        this.source = source;
        this.description = description;
        this.base = Collections.unmodifiableMap(new LinkedHashMap<>(base));
        this.baseAt = Map.copyOf(baseAt);
        this.axes = List.copyOf(axes);
        this.zip = zip.stream().map(List::copyOf).toList();
        this.metrics = List.copyOf(metrics);
        this.axesAt = axesAt;
    }

    /** The spec's file as the user named it. */
    public String source() {
        return source;
    }

    /** The spec's {@code description}, or "" when it has none. */
    public String description() {
        return description;
    }

    /** The options every run shares ({@code [base]}): command-line name → value as the command line takes it. */
    public Map<String, String> base() {
        return base;
    }

    /** The axes, in the spec's order. */
    public List<Axis> axes() {
        return axes;
    }

    /** The zip groups: each lists axes (by option name) that advance together. */
    public List<List<String>> zip() {
        return zip;
    }

    /** The metrics to collect, in the spec's order (every metric when the spec names none). */
    public List<Metric> metrics() {
        return metrics;
    }

    /** How many runs the grid has ({@link Long#MAX_VALUE} when past it). */
    public long size() {
        return Grid.count(axes, zip);
    }

    /**
     * Every run of the sweep, in order (the first axis varies slowest, the last fastest; zipped axes advance
     * together), after checking the grid as a whole: its size (over {@link #HUGE} points only with
     * {@code allowHuge}), each run's full configuration by {@code RunConfig}'s rules (the first failing point is
     * named), the values of derived axes, and that no two runs share a folder name. Each failure is a one-line
     * {@link Failure} with exit code 2 naming the spec's file and line. The list makes each point when it is read.
     */
    public List<SweepPoint> points(boolean allowHuge) {
        long n = size();
        if (n > Integer.MAX_VALUE) {
            throw axesAt.error("[axes]: the grid has " + count(n) + " points, more than a sweep can list (2^31 - 1)");
        }
        if (n > HUGE && !allowHuge) {
            throw axesAt.error("[axes]: the grid has " + count(n) + " points, more than " + count(HUGE)
                    + " (pass --yes to run them all)");
        }
        Grid grid = new Grid(base, axes, zip);
        Map<String, Integer> names = new HashMap<>();
        Map<String, String> idle = new LinkedHashMap<>(); // option -> why, while it applies to no point seen yet
        boolean first = true;
        for (SweepPoint p : grid) {
            checkDerived(p);
            checkConfig(p, grid.coordinates(p.index()));
            if (n <= HUGE) idle(p, idle, first);
            first = false;
            Integer other = n <= HUGE ? names.put(p.name(), p.index()) : null;
            if (other != null) {
                throw axesAt.error(
                        "[axes]: points " + (other + 1) + " and " + (p.index() + 1) + " both get the folder name "
                                + p.name());
            }
        }
        if (n <= HUGE) refuseIdle(idle);
        return grid;
    }

    /**
     * Keeps in {@code idle} the options that apply to none of the points so far, with why for the first point; on the
     * last point {@link #points} refuses any left ({@link #refuseIdle}).
     */
    private static void idle(SweepPoint p, Map<String, String> idle, boolean first) {
        List<String> skipped = p.inapplicable();
        if (first) {
            RunConfig c = p.config(Path.of(p.name()));
            for (String o : skipped) idle.put(o, RunOption.byCli(o).notApplying(c));
        } else {
            idle.keySet().retainAll(skipped);
        }
    }

    /** An option of the spec that applies to none of its points is a mistake: it would do nothing. */
    private void refuseIdle(Map<String, String> idle) {
        for (Map.Entry<String, String> e : idle.entrySet()) {
            String option = e.getKey(), why = "applies to none of the sweep's runs: it " + e.getValue();
            if (baseAt.containsKey(option)) throw baseAt.get(option).error("[base] " + option + ": " + why);
            for (Axis axis : axes)
                if (axis.option().equals(option)) throw axis.at().error("[axes] " + option + ": " + why);
            throw axesAt.error(option + ": " + why);
        }
    }

    /** A derived axis's factors give different values in {@code p}'s context (rounding may merge them). */
    private void checkDerived(SweepPoint p) {
        for (Axis axis : axes) {
            if (!(axis instanceof DerivedAxis d)) continue;
            Map<String, String> seen = new HashMap<>();
            for (int i = 0; i < d.size(); i++) {
                String v = d.value(i, p.options()), before = seen.put(v, d.factors().get(i));
                if (before != null) {
                    throw d.at().error("[axes] " + d.option() + ": factors " + before + " and " + d.factors().get(i)
                            + " both give " + d.option() + " = " + v + " at " + d.times() + " = "
                            + p.options().get(d.times()) + " (" + pointName(p) + ")");
                }
            }
        }
    }

    /**
     * {@code p}'s whole configuration passes RunConfig's checks: each option's range, and the rules that tie options
     * together. A failure points at where the spec sets the first option the message names ("--lr"): that value of an
     * axis at {@code coordinates}, or the {@code [base]} key.
     */
    private void checkConfig(SweepPoint p, int[] coordinates) {
        try {
            p.config(Path.of(p.name()));
        } catch (IllegalArgumentException e) {
            Matcher m = OPTION.matcher(e.getMessage());
            while (m.find()) {
                String option = m.group(1);
                for (int a = 0; a < axes.size(); a++) {
                    Axis axis = axes.get(a);
                    if (!axis.option().equals(option)) continue;
                    String label = axis.label(coordinates[a]), value = p.options().get(option);
                    throw axis.at(coordinates[a]).error("[axes] " + option + " = "
                            + (label.equals(value) ? value : label + " = " + value) + ", " + pointName(p) + ": "
                            + e.getMessage());
                }
                if (baseAt.containsKey(option)) {
                    throw baseAt.get(option).error("[base] " + option + " = " + base.get(option) + ", "
                            + pointName(p) + ": " + e.getMessage());
                }
            }
            throw axesAt.error(pointName(p) + ": " + e.getMessage());
        }
    }

    private static final Pattern OPTION = Pattern.compile("--([a-z][a-z0-9-]*)");

    /** 1,250,000; "more than 2^63" past a long. */
    private static String count(long n) {
        return n == Long.MAX_VALUE ? "more than 2^63" : String.format(Locale.ROOT, "%,d", n);
    }

    private String pointName(SweepPoint p) {
        return "point " + (p.index() + 1) + " of " + size() + " (" + p.name() + ")";
    }
}
