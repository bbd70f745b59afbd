package org.example.genmat.core.validity;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.example.genmat.core.crystal.Composition;
import org.example.genmat.core.crystal.Element;

/**
 * Composition validity by the SMACT/CDVAE rule ({@code smact_validity} of the CDVAE evaluation code
 * with SMACT 2.2.1), step by step:
 * <ol>
 * <li>amounts are divided by their gcd; fractional amounts (partial occupancies, non-stoichiometric
 * formulas) are invalid, as the rule is defined on whole atoms (the published MatterGen figure counts
 * its two disordered files invalid);</li>
 * <li>one distinct element → valid;</li>
 * <li>alloy rule (on by default): every element in the SMACT metal list → valid;</li>
 * <li>every combination of one oxidation state per element (Cartesian product, elements in order of
 * atomic number) with Σ state·count = 0 is charge balanced;</li>
 * <li>Pauling test on a balanced combination, pairs (i &lt; j) in that order: an opposite-sign pair
 * fails when the cation is not strictly less electronegative than the anion. Where an opposite-sign
 * pair meets a missing electronegativity (Pm, Rn, Lr), the published code raises a TypeError that
 * it treats as "test passed" for the whole combination; that quirk is reproduced;</li>
 * <li>valid iff some balanced combination passes.</li>
 * </ol>
 * Mixed valence (off by default, not part of the published rule): each atom of an element may take
 * its own state, so Fe3O4 (Fe2+ Fe3+2 O2-4) balances; the Pauling test then compares every element
 * used as a cation with every element used as an anion (missing χ: the pair passes).
 * Instances are immutable and thread-safe.
 */
public final class CompositionValidity {

    private final OxidationStateTable table;
    private final boolean alloyRule;
    private final boolean mixedValence;

    public CompositionValidity(OxidationStateTable table, boolean alloyRule, boolean mixedValence) {
        this.table = table;
        this.alloyRule = alloyRule;
        this.mixedValence = mixedValence;
    }

    /** The published rule: smact14 table, alloy rule on, one state per element. */
    public static CompositionValidity cdvaeDefault() {
        return new CompositionValidity(OxidationStateTable.smact14(), true, false);
    }

    public OxidationStateTable table() {
        return table;
    }

    /** Checks one composition; never throws for valid input objects. */
    public ValidityResult check(Composition composition) {
        if (composition == null || composition.isEmpty()) {
            return invalid(ValidityResult.CHECK_INPUT, "empty composition");
        }
        if (!composition.isInteger()) {
            return invalid(ValidityResult.CHECK_STOICHIOMETRY, "fractional amounts in " + composition.formula()
                + " (disordered or non-stoichiometric): the rule needs whole atoms");
        }
        long[] counts = integerCounts(composition);
        List<Element> elements = new ArrayList<>(composition.elements()); // ascending Z, as CDVAE sorts
        int n = elements.size();
        if (n == 1) {
            return ValidityResult.ok();
        }
        int[] z = new int[n];
        boolean allMetals = true;
        for (int i = 0; i < n; i++) {
            z[i] = elements.get(i).z();
            allMetals &= SmactElementData.isMetal(z[i]);
        }
        if (alloyRule && allMetals) {
            return ValidityResult.ok();
        }
        int[][] states = new int[n][];
        for (int i = 0; i < n; i++) {
            states[i] = table.statesNoCopy(z[i]);
            if (states[i].length == 0) {
                return invalid(ValidityResult.CHECK_CHARGE, "charge not balanced with " + table.name()
                    + " states (" + elements.get(i).symbol() + " has no oxidation state)");
            }
        }
        double[] chi = new double[n];
        for (int i = 0; i < n; i++) {
            chi[i] = SmactElementData.pauling(z[i]);
        }
        int outcome = mixedValence ? searchMixed(states, counts, chi) : searchSingle(states, counts, chi);
        if (outcome == UNDECIDED) {
            // refused rather than searched for minutes: the verdict of every row stays bounded in time
            return invalid(ValidityResult.CHECK_CHARGE, "charge balance not decided: " + n + " elements"
                + (hasMissingChi(chi) ? " (one without a Pauling electronegativity)" : "") + " give more than "
                + String.format(java.util.Locale.ROOT, "%,d", SEARCH_BUDGET) + " oxidation-state combinations");
        }
        if (outcome == PASSED) {
            return ValidityResult.ok();
        }
        if (outcome == BALANCED_ONLY) {
            return invalid(ValidityResult.CHECK_ELECTRONEGATIVITY, "charge balanced with " + table.name()
                + " states only with a cation at least as electronegative as an anion (Pauling test)");
        }
        return invalid(ValidityResult.CHECK_CHARGE, "charge not balanced with " + table.name() + " states"
            + (mixedValence ? " (mixed valence allowed)" : ""));
    }

    /** Convenience: is this composition valid? */
    public boolean isValid(Composition composition) {
        return check(composition).compositionValid();
    }

    private static ValidityResult invalid(String check, String reason) {
        return new ValidityResult(false, true, check, reason);
    }

    /** The search gave up: too many combinations to enumerate and no exact shortcut applies. */
    private static final int UNDECIDED = -1;
    private static final int NOT_BALANCED = 0;
    private static final int BALANCED_ONLY = 1;
    private static final int PASSED = 2;

    /** Integer amounts (ascending Z) divided by their gcd; only for integer compositions. */
    static long[] integerCounts(Composition c) {
        long g = c.gcdOfAmounts();
        return c.amounts().values().stream().mapToLong(v -> Math.round(v) / g).toArray();
    }

    // ---- one state per element (the published rule) ----

    /**
     * Nodes the enumeration may visit (a count, not a clock, so verdicts do not depend on the machine's speed). Every
     * formula of up to about 7 elements is decided within it, by the enumeration of the published rule itself.
     */
    static final long SEARCH_BUDGET = 1_000_000L;
    /** Word operations (64 charges each) the split search may spend on one composition. */
    static final long SPLIT_BUDGET = 50_000_000L;

    private static int searchSingle(int[][] states, long[] counts, double[] chi) {
        int n = states.length;
        // bounds of what elements k..n-1 can still contribute: prune branches that cannot reach zero
        long[] minRest = new long[n + 1], maxRest = new long[n + 1];
        for (int k = n - 1; k >= 0; k--) {
            minRest[k] = minRest[k + 1] + counts[k] * states[k][0];
            maxRest[k] = maxRest[k + 1] + counts[k] * states[k][states[k].length - 1];
        }
        int[] chosen = new int[n];
        long[] budget = {SEARCH_BUDGET};
        int r = dfs(0, 0L, states, counts, chi, minRest, maxRest, chosen, budget);
        if (r != UNDECIDED) {
            return r;
        }
        // the missing-χ quirk depends on the order of the pairs: only the enumeration reproduces it
        return hasMissingChi(chi) ? UNDECIDED : splitSearch(states, counts, chi);
    }

    private static boolean hasMissingChi(double[] chi) {
        for (double c : chi) {
            if (Double.isNaN(c)) {
                return true;
            }
        }
        return false;
    }

    private static int dfs(int k, long charge, int[][] states, long[] counts, double[] chi, long[] minRest,
                           long[] maxRest, int[] chosen, long[] budget) {
        if (--budget[0] < 0) {
            return UNDECIDED;
        }
        int n = states.length;
        if (k == n) {
            if (charge != 0) {
                return NOT_BALANCED;
            }
            return paulingPasses(chosen, chi) ? PASSED : BALANCED_ONLY;
        }
        if (charge + minRest[k] > 0 || charge + maxRest[k] < 0) {
            return NOT_BALANCED;
        }
        int best = NOT_BALANCED;
        for (int s : states[k]) {
            chosen[k] = s;
            int r = dfs(k + 1, charge + counts[k] * s, states, counts, chi, minRest, maxRest, chosen, budget);
            if (r == PASSED || r == UNDECIDED) {
                return r;
            }
            best = Math.max(best, r);
        }
        return best;
    }

    /**
     * The same verdict as the enumeration, in polynomial time, where every element has an electronegativity. Then
     * {@link #paulingPasses} holds iff every cation is less electronegative than every anion, i.e. iff some threshold T
     * (−∞ or one of the elements' χ values) has the cations among χ ≤ T and the anions among χ &gt; T (take T = the
     * largest cation χ); elements in state 0 pair with nobody. Ties: equal χ are on the same side of every T, so a
     * cation and an anion of equal χ never pass, as in the pair test (χ_cation &lt; χ_anion strictly). For each T,
     * charge balance with states restricted that way is a reachable-sums programme over the bounded total charge.
     * Balanced at all (no restriction) but under no T → {@link #BALANCED_ONLY}, as the enumeration reports.
     */
    static int splitSearch(int[][] states, long[] counts, double[] chi) {
        int n = states.length;
        long base = 0, top = 0, options = 0;
        for (int i = 0; i < n; i++) {
            base += counts[i] * Math.min(0, states[i][0]);
            top += counts[i] * Math.max(0, states[i][states[i].length - 1]);
            options += states[i].length;
        }
        double[] thresholds = java.util.Arrays.stream(chi).distinct().sorted().toArray();
        long words = (top - base) / 64 + 1;
        if (top - base >= Integer.MAX_VALUE - 64 || (thresholds.length + 2) * options * words > SPLIT_BUDGET) {
            return UNDECIDED;
        }
        if (!balancedWithin(states, counts, base, top, chi, Double.NaN)) {
            return NOT_BALANCED;
        }
        if (balancedWithin(states, counts, base, top, chi, Double.NEGATIVE_INFINITY)) {
            return PASSED; // no cations (e.g. all states 0 or ≤ 0)
        }
        for (double t : thresholds) {
            if (balancedWithin(states, counts, base, top, chi, t)) {
                return PASSED;
            }
        }
        return BALANCED_ONLY;
    }

    /**
     * Whether some choice of one state per element sums to zero, with cations only where χ ≤ {@code t} and anions only
     * where χ &gt; {@code t}; {@code t} NaN: no restriction. Bit j of the set is total charge base + j.
     */
    private static boolean balancedWithin(int[][] states, long[] counts, long base, long top, double[] chi, double t) {
        int width = (int) (top - base + 1);
        long[] acc = new long[(width >> 6) + 1];
        acc[(int) (-base >> 6)] |= 1L << (-base & 63);
        for (int i = 0; i < states.length; i++) {
            long[] next = new long[acc.length];
            boolean any = false;
            for (int s : states[i]) {
                boolean allowed = Double.isNaN(t) || s == 0 || (s > 0 ? chi[i] <= t : chi[i] > t);
                if (allowed) {
                    orShifted(next, acc, counts[i] * s);
                    any = true;
                }
            }
            if (!any) {
                return false;
            }
            acc = next;
        }
        return (acc[(int) (-base >> 6)] & 1L << (-base & 63)) != 0;
    }

    /** dst |= src shifted by {@code by} bits (either sign); the totals stay within [base, top], so no bit is lost. */
    private static void orShifted(long[] dst, long[] src, long by) {
        int len = src.length;
        int ws = (int) (Math.abs(by) >> 6), bs = (int) (Math.abs(by) & 63);
        if (by >= 0) {
            for (int i = 0; i + ws < len; i++) {
                dst[i + ws] |= src[i] << bs;
                if (bs != 0 && i + ws + 1 < len) {
                    dst[i + ws + 1] |= src[i] >>> (64 - bs);
                }
            }
        } else {
            for (int i = ws; i < len; i++) {
                dst[i - ws] |= src[i] >>> bs;
                if (bs != 0 && i - ws - 1 >= 0) {
                    dst[i - ws - 1] |= src[i] << (64 - bs);
                }
            }
        }
    }

    /** SMACT's eneg_states_test, including the missing-χ behaviour of the CDVAE caller. */
    static boolean paulingPasses(int[] ox, double[] chi) {
        for (int i = 0; i < ox.length; i++) {
            for (int j = i + 1; j < ox.length; j++) {
                boolean catAn = ox[i] > 0 && ox[j] < 0;
                boolean anCat = ox[i] < 0 && ox[j] > 0;
                if (!catAn && !anCat) {
                    continue;
                }
                if (Double.isNaN(chi[i]) || Double.isNaN(chi[j])) {
                    return true; // TypeError in Python → "assume it is okay" for the whole combination
                }
                if (catAn && chi[i] >= chi[j] || anCat && chi[i] <= chi[j]) {
                    return false;
                }
            }
        }
        return true;
    }

    // ---- mixed valence (optional extension) ----

    private static final int POS = 1;
    private static final int NEG = 2;

    /**
     * For each element, the totals reachable by its atoms, per usage mask (which signs were used).
     * Then every mask assignment that passes the Pauling test is checked for a zero total by
     * convolving the reachable-total sets.
     */
    private static int searchMixed(int[][] states, long[] counts, double[] chi) {
        int n = states.length;
        BitSet[][] reach = new BitSet[n][];
        int[] offset = new int[n];
        for (int i = 0; i < n; i++) {
            if (counts[i] > 2000) {
                return NOT_BALANCED; // absurd formula; keep the search bounded
            }
            int maxAbs = 0;
            for (int s : states[i]) {
                maxAbs = Math.max(maxAbs, Math.abs(s));
            }
            offset[i] = (int) (maxAbs * counts[i]);
            reach[i] = reachable(states[i], (int) counts[i], offset[i]);
        }
        // balanced at all (any signs)? then search sign patterns that pass the Pauling test
        BitSet[][] union = new BitSet[n][1];
        int[] zero = new int[n];
        for (int i = 0; i < n; i++) {
            union[i][0] = new BitSet();
            for (BitSet b : reach[i]) {
                if (b != null) {
                    union[i][0].or(b);
                }
            }
        }
        if (!zeroReachable(zero, union, offset)) {
            return NOT_BALANCED;
        }
        return assignMasks(0, new int[n], reach, offset, chi) ? PASSED : BALANCED_ONLY;
    }

    private static BitSet[] reachable(int[] states, int count, int offset) {
        BitSet[] cur = new BitSet[4];
        cur[0] = new BitSet();
        cur[0].set(offset);
        for (int atom = 0; atom < count; atom++) {
            BitSet[] next = new BitSet[4];
            for (int m = 0; m < 4; m++) {
                if (cur[m] == null) {
                    continue;
                }
                for (int s : states) {
                    int nm = m | (s > 0 ? POS : s < 0 ? NEG : 0);
                    BitSet shifted = shift(cur[m], s);
                    if (next[nm] == null) {
                        next[nm] = shifted;
                    } else {
                        next[nm].or(shifted);
                    }
                }
            }
            cur = next;
        }
        return cur;
    }

    private static BitSet shift(BitSet b, int by) {
        BitSet r = new BitSet();
        for (int i = b.nextSetBit(0); i >= 0; i = b.nextSetBit(i + 1)) {
            r.set(i + by);
        }
        return r;
    }

    private static boolean assignMasks(int k, int[] mask, BitSet[][] reach, int[] offset, double[] chi) {
        if (k == mask.length) {
            return zeroReachable(mask, reach, offset);
        }
        for (int m = 0; m < 4; m++) {
            if (reach[k][m] != null) {
                mask[k] = m;
                // prune as soon as the new element conflicts with an earlier one (Pauling pairs)
                if (pairsPass(k, mask, chi) && assignMasks(k + 1, mask, reach, offset, chi)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean zeroReachable(int[] mask, BitSet[][] reach, int[] offset) {
        // sum set of all elements, as a set of (total + totalOffset)
        BitSet acc = new BitSet();
        acc.set(0);
        int totalOffset = 0;
        for (int i = 0; i < mask.length; i++) {
            BitSet b = reach[i][mask[i]];
            BitSet next = new BitSet();
            for (int x = acc.nextSetBit(0); x >= 0; x = acc.nextSetBit(x + 1)) {
                next.or(shift(b, x));
            }
            acc = next;
            totalOffset += offset[i];
        }
        return acc.get(totalOffset);
    }

    /** Pauling pairs between element k and the elements before it. */
    private static boolean pairsPass(int k, int[] mask, double[] chi) {
        for (int i = 0; i < k; i++) {
            if (!pairPasses(i, k, mask, chi) || !pairPasses(k, i, mask, chi)) {
                return false;
            }
        }
        return true;
    }

    /** Element i as cation against element j as anion, where both roles are used. */
    private static boolean pairPasses(int i, int j, int[] mask, double[] chi) {
        if ((mask[i] & POS) == 0 || (mask[j] & NEG) == 0 || Double.isNaN(chi[i]) || Double.isNaN(chi[j])) {
            return true;
        }
        return chi[i] < chi[j];
    }
}
