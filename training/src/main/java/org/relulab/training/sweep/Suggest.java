package org.relulab.training.sweep;

import java.util.Collection;
import java.util.Locale;

/**
 * "Did you mean": the known name closest to a misspelt one, by edit distance ({@link #distance}, which the command
 * line's suggestions use too).
 */
public final class Suggest {
    private Suggest() {}

    /**
     * " (did you mean 'lr'?)" for the candidate closest to {@code word} when it is close enough (at most one edit in
     * three letters, and at least one), else "". Case and '_' against '-' do not count.
     */
    static String didYouMean(String word, Collection<String> candidates) {
        String w = normal(word), best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(w, normal(c));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        int allowed = Math.max(1, (w.length() + 1) / 3);
        return best != null && bestDistance <= allowed ? " (did you mean '" + best + "'?)" : "";
    }

    private static String normal(String s) {
        return s.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Edit distance: insertions, deletions, substitutions and swaps of two neighbours count one each. */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
