package org.example.genmat.core.metrics;

import java.util.Arrays;

/**
 * A set of non-zero {@code long} keys: open addressing with linear probing in one primitive array
 * (8 bytes per slot, load ≤ 0.5), so tens of millions of composition keys fit without boxing.
 * Not thread-safe. Written here rather than adding fastutil for two small classes.
 */
public final class LongHashSet {

    private long[] slots;
    private int size;
    private int mask;

    public LongHashSet() {
        this(16);
    }

    public LongHashSet(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        slots = new long[cap];
        mask = cap - 1;
    }

    static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** Adds a key; true when it was not there. */
    public boolean add(long key) {
        if (key == 0) {
            throw new IllegalArgumentException("key 0 is reserved");
        }
        int i = mix(key) & mask;
        while (true) {
            long k = slots[i];
            if (k == 0) {
                slots[i] = key;
                if (++size * 2 > slots.length) {
                    grow();
                }
                return true;
            }
            if (k == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    public boolean contains(long key) {
        if (key == 0) {
            return false;
        }
        int i = mix(key) & mask;
        while (true) {
            long k = slots[i];
            if (k == 0) {
                return false;
            }
            if (k == key) {
                return true;
            }
            i = (i + 1) & mask;
        }
    }

    public int size() {
        return size;
    }

    /** The keys, in no particular order. */
    public long[] toArray() {
        long[] r = new long[size];
        int n = 0;
        for (long k : slots) {
            if (k != 0) {
                r[n++] = k;
            }
        }
        return r;
    }

    /** Bytes held by the table (for memory reports). */
    public long footprintBytes() {
        return 8L * slots.length;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        mask = slots.length - 1;
        for (long k : old) {
            if (k != 0) {
                int i = mix(k) & mask;
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = k;
            }
        }
    }

    @Override
    public String toString() {
        return "LongHashSet(" + size + ")" + (size <= 8 ? Arrays.toString(toArray()) : "");
    }
}
