package org.relulab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The thread counts a suite measures on a machine: 1, half the cores and all of them, without repeats, in
 * increasing order (1 and 2 on 2 cores; 1, 8 and 16 on 16), or the counts the user lists with {@code --threads}.
 */
record ThreadCounts(List<Integer> counts) {
    /** The most threads a list may name: far beyond any machine, small enough for every product it enters. */
    static final int MAX = 4096;

    ThreadCounts {
        if (counts.isEmpty()) throw new IllegalArgumentException("no thread counts (expected at least one)");
        counts = List.copyOf(counts);
    }

    /** 1, half the cores (rounded down) and all the cores of a machine with {@code cores} cores. */
    static ThreadCounts forCores(int cores) {
        if (cores < 1) throw new IllegalArgumentException("cores = " + cores + " (expected at least 1)");
        return new ThreadCounts(List.copyOf(new TreeSet<>(List.of(1, Math.max(1, cores / 2), cores))));
    }

    /**
     * A comma-separated list such as {@code 1,4,8}: whole numbers from 1 to {@link #MAX}, each once; sorted. Bad
     * input throws {@link IllegalArgumentException} naming the value and what was expected.
     */
    static ThreadCounts parse(String list) {
        TreeSet<Integer> counts = new TreeSet<>();
        for (String item : list.split(",", -1)) {
            String s = item.strip();
            if (!s.matches("[0-9]{1,5}") || Integer.parseInt(s) < 1 || Integer.parseInt(s) > MAX) {
                throw new IllegalArgumentException("--threads " + list + ": '" + s
                        + "' is not a thread count (expected a comma-separated list of whole numbers 1 to " + MAX
                        + ")");
            }
            if (!counts.add(Integer.parseInt(s))) {
                throw new IllegalArgumentException("--threads " + list + ": " + s + " is listed twice");
            }
        }
        return new ThreadCounts(new ArrayList<>(counts));
    }

    /** The counts as JMH parameter values. */
    String[] asParams() {
        return counts.stream().map(String::valueOf).toArray(String[]::new);
    }

    /** The fewest threads measured (the base of speed-ups). */
    int first() { return counts.get(0); }
}
