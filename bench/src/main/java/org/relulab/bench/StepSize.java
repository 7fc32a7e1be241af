package org.relulab.bench;

/**
 * A size of {@link StepTimeBenchmark}: one of d, m, n set, the others at the base point d = 32, m = 4d = 128,
 * n = 10d² = 10240 (the LMZ20 scaling of {@link Lmz20Scaling} at d = 32). Written as the varied letter and its
 * value: {@code d64} is d = 64, m = 128, n = 10240.
 */
record StepSize(char varied, int d, int m, int n) {
    static final int BASE_D = 32, BASE_M = Lmz20Scaling.width(BASE_D), BASE_N = Lmz20Scaling.samples(BASE_D);

    static StepSize parse(String name) {
        int value;
        try {
            value = name.length() < 2 ? -1 : Integer.parseInt(name.substring(1));
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < 1 || value > 10_000_000) {
            throw new IllegalArgumentException(
                    "step size '" + name + "': expected d, m or n and a whole number from 1 to 1e7, e.g. d64");
        }
        return switch (name.charAt(0)) {
            case 'd' -> new StepSize('d', value, BASE_M, BASE_N);
            case 'm' -> new StepSize('m', BASE_D, value, BASE_N);
            case 'n' -> new StepSize('n', BASE_D, BASE_M, value);
            default -> throw new IllegalArgumentException(
                    "step size '" + name + "': expected d, m or n and a whole number from 1 to 1e7, e.g. d64");
        };
    }

    /** The value of the varied dimension. */
    int value() {
        return switch (varied) {
            case 'd' -> d;
            case 'm' -> m;
            default -> n;
        };
    }

    /** The value of the varied dimension at the base point. */
    int baseValue() {
        return switch (varied) {
            case 'd' -> BASE_D;
            case 'm' -> BASE_M;
            default -> BASE_N;
        };
    }

    /** 4nmd, the flops of one step's two GEMMs. */
    double flops() {
        return Lmz20Scaling.flopsPerStep(n, m, d);
    }

    /** The sizes from base / 2^octaves to base × 2^octaves of each of d, m and n, in powers of 2. */
    static String[] sweep(int octaves) {
        String[] names = new String[3 * (2 * octaves + 1)];
        int i = 0;
        for (char c : new char[] {'d', 'm', 'n'}) {
            int base = parse(c + "1").baseValue();
            for (int e = -octaves; e <= octaves; e++) names[i++] = c + Integer.toString(e < 0 ? base >> -e : base << e);
        }
        return names;
    }
}
