package org.relulab.training.sweep;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The points of a sweep, in order, each made when asked for (a million points take no memory until read). The axes
 * make dimensions: one per axis, or one per zip group, placed where its first axis is written. The first dimension
 * varies slowest, the last fastest, like nested loops written in the spec's order.
 */
final class Grid extends AbstractList<SweepPoint> implements RandomAccess {
    private final Map<String, String> base;
    private final List<Axis> axes;
    /** Each axis's dimension. */
    private final int[] dimensionOf;
    /** Each dimension's number of values. */
    private final int[] sizes;
    private final int size;

    /** The grid of {@code axes} over {@code base}; its size ({@link #count}) must fit in an int. */
    Grid(Map<String, String> base, List<Axis> axes, List<List<String>> zip) {
        this.base = new LinkedHashMap<>(base);
        this.axes = List.copyOf(axes);
        this.dimensionOf = dimensions(axes, zip);
        int dimensions = 0;
        for (int d : dimensionOf) dimensions = Math.max(dimensions, d + 1);
        this.sizes = new int[dimensions];
        for (int a = 0; a < axes.size(); a++) sizes[dimensionOf[a]] = axes.get(a).size();
        this.size = Math.toIntExact(count(axes, zip));
    }

    /** Each axis's dimension: a new one, or its zip group's. */
    private static int[] dimensions(List<Axis> axes, List<List<String>> zip) {
        Map<String, Integer> groupOf = new HashMap<>();
        for (int g = 0; g < zip.size(); g++) for (String option : zip.get(g)) groupOf.put(option, g);
        Map<Integer, Integer> groupDimension = new HashMap<>();
        int[] dimension = new int[axes.size()];
        int next = 0;
        for (int a = 0; a < axes.size(); a++) {
            Integer group = groupOf.get(axes.get(a).option());
            if (group == null) {
                dimension[a] = next++;
            } else {
                Integer d = groupDimension.get(group);
                if (d == null) groupDimension.put(group, d = next++);
                dimension[a] = d;
            }
        }
        return dimension;
    }

    /** The number of points: the product of the dimensions' sizes, or {@link Long#MAX_VALUE} past it. */
    static long count(List<Axis> axes, List<List<String>> zip) {
        int[] dimension = dimensions(axes, zip);
        Map<Integer, Integer> sizes = new HashMap<>();
        for (int a = 0; a < axes.size(); a++) sizes.put(dimension[a], axes.get(a).size());
        long n = 1;
        for (int s : sizes.values()) {
            try {
                n = Math.multiplyExact(n, s);
            } catch (ArithmeticException e) {
                return Long.MAX_VALUE;
            }
        }
        return n;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public SweepPoint get(int index) {
        int[] coordinates = coordinates(Objects.checkIndex(index, size));
        Map<String, String> options = new LinkedHashMap<>(base), swept = new LinkedHashMap<>();
        for (int a = 0; a < axes.size(); a++) {
            Axis axis = axes.get(a);
            options.put(axis.option(), axis.value(coordinates[a], options));
            swept.put(axis.option(), axis.label(coordinates[a]));
        }
        return new SweepPoint(index, Canonical.folderName(swept), options, swept);
    }

    /** The index of each axis's value in point {@code index}, in the axes' order. */
    int[] coordinates(int index) {
        int[] at = new int[sizes.length];
        for (int d = sizes.length - 1, rest = index; d >= 0; d--) {
            at[d] = rest % sizes[d];
            rest /= sizes[d];
        }
        int[] coordinates = new int[axes.size()];
        for (int a = 0; a < axes.size(); a++) coordinates[a] = at[dimensionOf[a]];
        return coordinates;
    }
}
