package org.example.genmat.core.metrics;

import java.util.HashSet;
import java.util.Set;

import org.example.genmat.core.crystal.Composition;

/** A set of composition identities ({@link CompositionKey}): packed longs, strings only for big formulas. */
public final class CompositionKeySet {

    private final LongHashSet packed;
    private final Set<String> big = new HashSet<>();

    public CompositionKeySet() {
        this(16);
    }

    public CompositionKeySet(int expected) {
        packed = new LongHashSet(expected);
    }

    /** Adds; true when new. */
    public boolean add(Composition c) {
        long k = CompositionKey.pack(c);
        return k != CompositionKey.NO_PACKED_KEY ? packed.add(k) : big.add(CompositionKey.stringKey(c));
    }

    /** Adds a packed key; true when new. */
    public boolean add(long packedKey) {
        return packed.add(packedKey);
    }

    public boolean contains(Composition c) {
        long k = CompositionKey.pack(c);
        return k != CompositionKey.NO_PACKED_KEY ? packed.contains(k) : big.contains(CompositionKey.stringKey(c));
    }

    public boolean contains(long packedKey) {
        return packed.contains(packedKey);
    }

    public long size() {
        return (long) packed.size() + big.size();
    }
}
