package org.example.genmat.core.metrics;

/**
 * Map from non-zero {@code long} keys to {@code int} values, open addressing in two primitive arrays
 * (load ≤ 0.5). Used for composition → class lookups. Not thread-safe for writes.
 */
public final class LongIntHashMap {

    private long[] keys;
    private int[] values;
    private int size;
    private int mask;

    public LongIntHashMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        keys = new long[cap];
        values = new int[cap];
        mask = cap - 1;
    }

    /** Sets the value; returns the previous value or {@code missing}. */
    public int put(long key, int value, int missing) {
        if (key == 0) {
            throw new IllegalArgumentException("key 0 is reserved");
        }
        int i = LongHashSet.mix(key) & mask;
        while (keys[i] != 0) {
            if (keys[i] == key) {
                int old = values[i];
                values[i] = value;
                return old;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        if (++size * 2 > keys.length) {
            grow();
        }
        return missing;
    }

    /** The value of {@code key}, or {@code missing}. */
    public int get(long key, int missing) {
        if (key == 0) {
            return missing;
        }
        int i = LongHashSet.mix(key) & mask;
        while (true) {
            long k = keys[i];
            if (k == 0) {
                return missing;
            }
            if (k == key) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
    }

    public int size() {
        return size;
    }

    private void grow() {
        long[] ok = keys;
        int[] ov = values;
        keys = new long[ok.length * 2];
        values = new int[ok.length * 2];
        mask = keys.length - 1;
        for (int j = 0; j < ok.length; j++) {
            if (ok[j] != 0) {
                int i = LongHashSet.mix(ok[j]) & mask;
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = ok[j];
                values[i] = ov[j];
            }
        }
    }
}
